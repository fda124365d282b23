// The mirror's schema as numbered migrations, applied in order at open, each in one
// transaction together with its version (PRAGMA user_version). A database written by a
// newer dashboard is refused untouched: an older release cannot know what its rows mean.
import type { DatabaseSync } from 'node:sqlite'
import { StoreError } from '../store-error.ts'
import { rollback } from './database.ts'

/** Marks the file as this dashboard's mirror (PRAGMA application_id), "PCDM". */
export const APPLICATION_ID = 0x5043444d

const TRIGRAMS = `tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1`

export const MIGRATIONS: readonly string[] = [
  // 1: conversations with their sort and search keys, customers, sync state, the binding.
  `CREATE TABLE mirror (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     upstream_url TEXT,
     key_id TEXT,
     write_seq INTEGER NOT NULL DEFAULT 0,
     removed_version INTEGER NOT NULL DEFAULT 0
   );
   INSERT INTO mirror (id) VALUES (1);
   CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

   CREATE TABLE customers (
     rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     external_id TEXT, name TEXT, email TEXT, metadata TEXT, active INTEGER,
     created_at TEXT, last_seen_at TEXT,
     id_lc TEXT NOT NULL, name_lc TEXT NOT NULL, email_lc TEXT NOT NULL, display_key TEXT,
     seen_seq INTEGER NOT NULL
   );
   CREATE INDEX customers_by_id_lc ON customers (id_lc);
   CREATE VIRTUAL TABLE customer_text USING fts5 (name_lc, email_lc, ${TRIGRAMS});

   -- customer_ref is the customer's rowid: a name search in customer_text yields customer
   -- rowids, and reaches their conversations through one index without reading customers.
   CREATE TABLE conversations (
     rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     title TEXT, customer_user_id TEXT, message_count INTEGER, created_at TEXT, updated_at TEXT,
     customer_name TEXT, customer_email TEXT, customer_ref INTEGER,
     title_key TEXT, customer_key TEXT, customer_id_lc TEXT, created_ms INTEGER, updated_ms INTEGER,
     seen_seq INTEGER NOT NULL,
     changed_seq INTEGER NOT NULL
   );
   CREATE INDEX conversations_by_updated_at ON conversations (updated_ms DESC, id);
   CREATE INDEX conversations_by_created_at ON conversations (created_ms DESC, id);
   CREATE INDEX conversations_by_message_count ON conversations (message_count DESC, id);
   CREATE INDEX conversations_by_title ON conversations (title_key, id);
   CREATE INDEX conversations_by_customer ON conversations (customer_key, id);
   CREATE INDEX conversations_by_customer_id ON conversations (customer_id_lc);
   CREATE INDEX conversations_by_customer_ref ON conversations (customer_ref);
   CREATE INDEX conversations_by_change ON conversations (changed_seq);
   CREATE VIRTUAL TABLE title_text USING fts5 (title_key, ${TRIGRAMS});`,

  // 2: messages and their full-text index; per conversation, the state its messages were
  // read for and its last message; counters of conversations and of those whose messages
  // are current, kept by triggers.
  // A message's rowid is its conversation's rowid × 2^20 + its position (by created_at,
  // then id): a conversation's messages are one rowid range, in the table and in the index.
  // The index holds the folded words (message-words.ts), space-separated, so the ascii
  // tokenizer (space and ASCII punctuation separate, every other character is part of a
  // word) finds exactly those words; detail=none: the search needs no positions.
  `CREATE TABLE messages (
     rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL,
     role TEXT, content TEXT, created_at TEXT
   );
   CREATE VIRTUAL TABLE message_text USING fts5 (
     words, tokenize = 'ascii', detail = none, content = '', contentless_delete = 1
   );
   CREATE VIRTUAL TABLE message_words USING fts5vocab (message_text, 'row');

   ALTER TABLE conversations ADD COLUMN messages_read INTEGER;
   ALTER TABLE conversations ADD COLUMN read_message_count INTEGER;
   ALTER TABLE conversations ADD COLUMN read_updated_at TEXT;
   ALTER TABLE conversations ADD COLUMN last_role TEXT;
   ALTER TABLE conversations ADD COLUMN last_text TEXT;
   ALTER TABLE conversations ADD COLUMN last_created_at TEXT;
   CREATE INDEX conversations_needing_messages ON conversations (updated_ms DESC, id)
     WHERE messages_read IS NULL OR read_message_count IS NOT message_count
       OR read_updated_at IS NOT updated_at;

   ALTER TABLE mirror ADD COLUMN conversation_count INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE mirror ADD COLUMN current_count INTEGER NOT NULL DEFAULT 0;
   UPDATE mirror SET conversation_count = (SELECT count(*) FROM conversations);
   CREATE TRIGGER conversation_added AFTER INSERT ON conversations BEGIN
     UPDATE mirror SET conversation_count = conversation_count + 1,
       current_count = current_count + (NEW.messages_read IS NOT NULL
         AND NEW.read_message_count IS NEW.message_count AND NEW.read_updated_at IS NEW.updated_at);
   END;
   CREATE TRIGGER conversation_removed AFTER DELETE ON conversations BEGIN
     UPDATE mirror SET conversation_count = conversation_count - 1,
       current_count = current_count - (OLD.messages_read IS NOT NULL
         AND OLD.read_message_count IS OLD.message_count AND OLD.read_updated_at IS OLD.updated_at);
   END;
   CREATE TRIGGER conversation_recounted
     AFTER UPDATE OF message_count, updated_at, messages_read, read_message_count, read_updated_at
     ON conversations BEGIN
     UPDATE mirror SET current_count = current_count
       + (NEW.messages_read IS NOT NULL
         AND NEW.read_message_count IS NEW.message_count AND NEW.read_updated_at IS NEW.updated_at)
       - (OLD.messages_read IS NOT NULL
         AND OLD.read_message_count IS OLD.message_count AND OLD.read_updated_at IS OLD.updated_at);
   END;`,

  // 3: saved views, and the Created range. name_key is the name case-folded (sort-keys.ts):
  // its unique index makes two saves of one name, even at the same instant from two
  // processes, one row and one conflict.
  // The created_at and updated_at indexes each carry the other's key, so a range of
  // created_ms is tested while walking the updated_at index, and the range's matches are
  // sorted by updated_at, without reading a row. Without it a range of old conversations
  // on the default sort read ~850,000 rows (7 s at 1,000,000) before its first match: the
  // two orders go together, as a conversation is updated after it is created. And a
  // customer's conversations are found in a range by their customer_ref index alone.
  `DROP INDEX conversations_by_updated_at;
   CREATE INDEX conversations_by_updated_at ON conversations (updated_ms DESC, id, created_ms);
   DROP INDEX conversations_by_created_at;
   CREATE INDEX conversations_by_created_at ON conversations (created_ms DESC, id, updated_ms);
   DROP INDEX conversations_by_customer_ref;
   CREATE INDEX conversations_by_customer_ref ON conversations (customer_ref, created_ms);

   CREATE TABLE views (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     name_key TEXT NOT NULL,
     query TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE UNIQUE INDEX views_by_name ON views (name_key);`,

  // 4: a page of new conversations adds to conversation_count once (write-conversations.ts),
  // not once per row in a trigger, which took a fifth of each insert on a first fill. A new
  // row has no messages read yet, so it never added to current_count.
  `DROP TRIGGER conversation_added;`,

  // 5: a first fill leaves the titles' trigram index for later (title-index.ts): rows up to
  // titles_indexed_through are in title_text, the rest are not yet; NULL: every row is.
  `ALTER TABLE mirror ADD COLUMN titles_indexed_through INTEGER;`,
]

export const SCHEMA_VERSION = MIGRATIONS.length

const pragmaNumber = (db: DatabaseSync, name: string): number => {
  const value = db.prepare(`PRAGMA ${name}`).get()?.[name]
  return typeof value === 'number' ? value : 0
}

/** Refuses a database this release must not touch; reads only. */
export function checkSchema(db: DatabaseSync, file: string): number {
  const version = pragmaNumber(db, 'user_version')
  const application = pragmaNumber(db, 'application_id')
  const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get()?.n
  const foreign = application !== APPLICATION_ID && (application !== 0 || Number(tables) > 0)
  if (foreign) {
    throw new StoreError(
      'not_a_mirror',
      `${file} is an SQLite database of another application, not the dashboard's mirror; point DATABASE_URL elsewhere.`,
    )
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      'newer_schema',
      `The mirror ${file} was written by a newer version of the dashboard (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade, or point DATABASE_URL elsewhere.`,
    )
  }
  return version
}

/**
 * Applies the migrations the database lacks, each with its version in one transaction. The
 * version is read again inside each transaction: another process may have migrated first.
 */
export function migrate(db: DatabaseSync, file: string): void {
  for (;;) {
    db.exec('BEGIN IMMEDIATE')
    try {
      const version = checkSchema(db, file)
      const sql = MIGRATIONS[version]
      if (sql !== undefined) {
        db.exec(sql)
        db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${version + 1}`)
      }
      db.exec('COMMIT')
      if (sql === undefined) return
    } catch (error) {
      rollback(db)
      throw error
    }
  }
}
