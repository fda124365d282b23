// The mirror's tables on PostgreSQL, the same as SQLite's (sqlite/migrations.ts) in what
// they hold and how they are indexed. Every table's name begins with mirror_, so the
// mirror can share a database with other applications. Text compared or sorted is in
// the "C" collation: binary order, as on SQLite, whatever the database's locale.
// Sort indexes follow each column's usual direction (newest, most first; names A to Z)
// with missing values last, so the default list is one index walk; the other direction
// walks the same index backwards (see list-plan.ts). They carry the row's key, and the
// created_at and updated_at ones each other's value, so a page is found in the index alone.
// A message's words (message-words.ts) are stored as a tsvector built from that word list
// (array_to_tsvector: no parser, no dictionary), so PostgreSQL's full-text index holds
// exactly the words the JavaScript finds. {trgm} is the schema of pg_trgm.

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE mirror_meta (
     id integer PRIMARY KEY CHECK (id = 1),
     upstream_url text, key_id text,
     write_seq bigint NOT NULL DEFAULT 0,
     removed_version bigint NOT NULL DEFAULT 0,
     conversation_count bigint NOT NULL DEFAULT 0,
     current_count bigint NOT NULL DEFAULT 0,
     customer_count bigint NOT NULL DEFAULT 0
   );
   INSERT INTO mirror_meta (id) VALUES (1);
   CREATE TABLE mirror_state (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);

   CREATE TABLE mirror_customers (
     key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text COLLATE "C" NOT NULL UNIQUE,
     external_id text, name text, email text, metadata text, active boolean,
     created_at text, last_seen_at text,
     id_lc text COLLATE "C" NOT NULL, name_lc text COLLATE "C" NOT NULL,
     email_lc text COLLATE "C" NOT NULL, display_key text COLLATE "C",
     seen_seq bigint NOT NULL
   );
   CREATE INDEX mirror_customers_by_id_lc ON mirror_customers (id_lc);
   CREATE INDEX mirror_customers_name_text ON mirror_customers USING gin (name_lc {trgm}.gin_trgm_ops);
   CREATE INDEX mirror_customers_email_text ON mirror_customers USING gin (email_lc {trgm}.gin_trgm_ops);

   CREATE TABLE mirror_conversations (
     key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text COLLATE "C" NOT NULL UNIQUE,
     title text, customer_user_id text COLLATE "C", message_count double precision,
     created_at text, updated_at text,
     customer_name text, customer_email text, customer_ref bigint,
     title_key text COLLATE "C", customer_key text COLLATE "C", customer_id_lc text COLLATE "C",
     created_ms bigint, updated_ms bigint,
     seen_seq bigint NOT NULL, changed_seq bigint NOT NULL,
     messages_read boolean, read_message_count double precision, read_updated_at text,
     last_role text, last_text text, last_created_at text,
     is_current boolean NOT NULL GENERATED ALWAYS AS (messages_read IS NOT NULL
       AND read_message_count IS NOT DISTINCT FROM message_count
       AND read_updated_at IS NOT DISTINCT FROM updated_at) STORED
   );
   CREATE INDEX mirror_conversations_by_updated_at ON mirror_conversations
     (updated_ms DESC NULLS LAST, id) INCLUDE (created_ms, key);
   CREATE INDEX mirror_conversations_by_created_at ON mirror_conversations
     (created_ms DESC NULLS LAST, id) INCLUDE (updated_ms, key);
   CREATE INDEX mirror_conversations_by_message_count ON mirror_conversations
     (message_count DESC NULLS LAST, id) INCLUDE (key);
   CREATE INDEX mirror_conversations_by_title ON mirror_conversations (title_key, id) INCLUDE (key);
   CREATE INDEX mirror_conversations_by_customer ON mirror_conversations (customer_key, id) INCLUDE (key);
   CREATE INDEX mirror_conversations_by_customer_id ON mirror_conversations (customer_id_lc);
   CREATE INDEX mirror_conversations_by_customer_ref ON mirror_conversations (customer_ref, created_ms);
   CREATE INDEX mirror_conversations_by_change ON mirror_conversations (changed_seq);
   CREATE INDEX mirror_conversations_title_text ON mirror_conversations
     USING gin (title_key {trgm}.gin_trgm_ops);
   CREATE INDEX mirror_conversations_needing_messages ON mirror_conversations
     (updated_ms DESC NULLS LAST, id) WHERE NOT is_current;

   -- A message's words that a tsvector cannot hold (a word over 2047 bytes, or over
   -- ~1 MB of them) stay text in overflow, searched without the index.
   CREATE TABLE mirror_messages (
     conversation bigint NOT NULL REFERENCES mirror_conversations (key) ON DELETE CASCADE,
     position integer NOT NULL,
     id text NOT NULL, role text, content text, created_at text,
     words tsvector, overflow text,
     PRIMARY KEY (conversation, position)
   );
   CREATE INDEX mirror_messages_words ON mirror_messages USING gin (words);
   CREATE INDEX mirror_messages_overflowing ON mirror_messages (conversation)
     WHERE overflow IS NOT NULL;

   CREATE TABLE mirror_views (
     id text COLLATE "C" PRIMARY KEY,
     name text NOT NULL,
     name_key text COLLATE "C" NOT NULL,
     query text NOT NULL,
     created_at text NOT NULL,
     updated_at text NOT NULL
   );
   CREATE UNIQUE INDEX mirror_views_by_name ON mirror_views (name_key);

   -- The counts the list and the message sync show, kept per statement (a removal of a
   -- million rows updates the meta row once). TRUNCATE fires none: clear() resets them.
   CREATE FUNCTION mirror_count_conversations() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       UPDATE mirror_meta SET
         conversation_count = conversation_count + (SELECT count(*) FROM added),
         current_count = current_count + (SELECT count(*) FROM added WHERE is_current);
     ELSIF TG_OP = 'DELETE' THEN
       UPDATE mirror_meta SET
         conversation_count = conversation_count - (SELECT count(*) FROM removed),
         current_count = current_count - (SELECT count(*) FROM removed WHERE is_current);
     ELSE
       UPDATE mirror_meta SET current_count = current_count
         + (SELECT count(*) FROM added WHERE is_current)
         - (SELECT count(*) FROM removed WHERE is_current);
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER mirror_conversations_added AFTER INSERT ON mirror_conversations
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mirror_count_conversations();
   CREATE TRIGGER mirror_conversations_removed AFTER DELETE ON mirror_conversations
     REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION mirror_count_conversations();
   CREATE TRIGGER mirror_conversations_recounted AFTER UPDATE ON mirror_conversations
     REFERENCING OLD TABLE AS removed NEW TABLE AS added
     FOR EACH STATEMENT EXECUTE FUNCTION mirror_count_conversations();

   CREATE FUNCTION mirror_count_customers() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'INSERT' THEN
       UPDATE mirror_meta SET customer_count = customer_count + (SELECT count(*) FROM added);
     ELSE
       UPDATE mirror_meta SET customer_count = customer_count - (SELECT count(*) FROM removed);
     END IF;
     RETURN NULL;
   END $$;
   CREATE TRIGGER mirror_customers_added AFTER INSERT ON mirror_customers
     REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION mirror_count_customers();
   CREATE TRIGGER mirror_customers_removed AFTER DELETE ON mirror_customers
     REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION mirror_count_customers();`,
]

export const SCHEMA_VERSION = MIGRATIONS.length
