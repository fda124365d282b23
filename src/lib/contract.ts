// The one contract between perform.chat, our server, the mocks and the browser.
// Strict where we depend on a field (ids, pagination), tolerant (nullish) where the
// real service may omit or null one. zod/mini keeps the browser bundle small.
import * as z from 'zod/mini'

const text = z.nullish(z.string())
const count = z.nullish(z.number())

export const idPattern = /^[A-Za-z0-9_-]{1,100}$/
const id = z.string().check(z.minLength(1))

export const ConversationSchema = z.object({
  id,
  title: text,
  customer_user_id: text,
  message_count: count,
  created_at: text,
  updated_at: text,
})
export type Conversation = z.infer<typeof ConversationSchema>

export const PaginationSchema = z.object({
  page: z.number(),
  limit: z.number(),
  total: z.number(),
  total_pages: z.number(),
})
export type Pagination = z.infer<typeof PaginationSchema>

export const ConversationListSchema = z.object({
  data: z.array(ConversationSchema),
  pagination: PaginationSchema,
})
export type ConversationList = z.infer<typeof ConversationListSchema>

export const MessageSchema = z.object({
  id,
  content: text,
  role: text,
  conversation_id: text,
  created_at: text,
})
export type Message = z.infer<typeof MessageSchema>

export const MessageListSchema = z.object({
  data: z.array(MessageSchema),
  pagination: PaginationSchema,
  conversation: z.nullish(z.object({ id, title: text })),
})
export type MessageList = z.infer<typeof MessageListSchema>

export const CustomerUserSchema = z.object({
  id,
  external_id: text,
  name: text,
  email: text,
  metadata: z.optional(z.unknown()),
  active: z.nullish(z.boolean()),
  created_at: text,
  last_seen_at: text,
})
export type CustomerUser = z.infer<typeof CustomerUserSchema>

export const CustomerListSchema = z.object({
  data: z.array(CustomerUserSchema),
  pagination: PaginationSchema,
})
export type CustomerList = z.infer<typeof CustomerListSchema>

/** perform.chat's own error body: {"statusCode":401,"message":"…","error":"Unauthorized"}. */
export const UpstreamErrorSchema = z.object({
  statusCode: z.optional(z.number()),
  message: z.optional(z.union([z.string(), z.array(z.string())])),
  error: z.optional(z.string()),
})
export type UpstreamErrorBody = z.infer<typeof UpstreamErrorSchema>

/** Our server's error body, for every /api failure. */
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})
export type ApiError = z.infer<typeof ApiErrorSchema>

/** GET /api/customers?q= */
export const CustomerSearchSchema = z.object({ data: z.array(CustomerUserSchema) })

/** Query parameters of the paged routes, validated before anything goes upstream. */
export const PageQuerySchema = z.object({
  page: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
})

/** One line a person can read from a failed parse: "data.3.id: expected string". */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

/** The list's sortable columns; `-column` sorts descending. */
export const SORT_COLUMNS = [
  'title',
  'customer',
  'message_count',
  'created_at',
  'updated_at',
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type Sort = { column: SortColumn; desc: boolean }
export const SORT_VALUES = SORT_COLUMNS.flatMap((column) => [column, `-${column}`] as const)

export const PAGE_SIZES = [20, 50, 100] as const

/** The filters of the list (URL parameters of the page and of /api/conversations). */
export type ListFilters = {
  customer: string
  q: string
  /** Search messages: every word in one message, the last also as a prefix (issue 10). */
  text: string
  /** Created on or after this instant (epoch ms), from `from` in the browser's zone (issue 12). */
  createdFromMs?: number | null
  /** Created before this instant (epoch ms): the end of the `to` day in the browser's zone. */
  createdBeforeMs?: number | null
}

const filterText = z.optional(z.string().check(z.maxLength(200)))
/** A calendar day, YYYY-MM-DD (Created from / Created to). */
export const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const day = z.optional(z.string().check(z.regex(dayPattern)))
/** The browser's IANA time zone, in which `from` and `to` are days. */
const zone = z.optional(z.string().check(z.minLength(1), z.maxLength(64)))

/** GET /api/conversations and /api/conversations/export.csv: checked strictly (400). */
export const ListQuerySchema = z.object({
  page: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
  sort: z.optional(z.enum(SORT_VALUES)),
  customer: filterText,
  q: filterText,
  text: filterText,
  from: day,
  to: day,
  tz: zone,
})

/** A conversation as the list shows it: the upstream fields and its customer's. */
export const ConversationRowSchema = z.extend(ConversationSchema, {
  customer_name: text,
  customer_email: text,
  /** The conversation's last message in the mirror (its first line), null until synced. */
  last_message: z.optional(
    z.nullable(z.object({ role: text, text: z.string(), created_at: text })),
  ),
  /**
   * With `text`: a piece of a message that matches, as plain text, and where the matched
   * words are in it ([start, end) offsets in UTF-16 code units), for <mark>.
   */
  snippet: z.optional(
    z.nullable(z.object({ text: z.string(), marks: z.array(z.tuple([z.number(), z.number()])) })),
  ),
})
export type ConversationRow = z.infer<typeof ConversationRowSchema>

/** GET /api/conversations: one page of the mirror, read at mirror `version`. */
export const ConversationPageSchema = z.object({
  data: z.array(ConversationRowSchema),
  /** total and total_pages are null when asked with count=0 (a message search counts apart). */
  pagination: z.object({
    page: z.number(),
    limit: z.number(),
    total: z.nullable(z.number()),
    total_pages: z.nullable(z.number()),
  }),
  /** Changes the mirror records after this version are "new or updated" for this page. */
  version: z.number(),
})
export type ConversationPage = z.infer<typeof ConversationPageSchema>

/** GET /api/conversations/changes?since=V&filters: conversations of the view changed since V. */
export const ChangesSchema = z.object({ count: z.number(), version: z.number() })

/** GET /api/conversations/count?filters: the exact count, apart from the page (a message search may take longer). */
export const CountSchema = z.object({ total: z.number(), version: z.number() })
export type Count = z.infer<typeof CountSchema>
export type Changes = z.infer<typeof ChangesSchema>

const ErrorShape = z.object({ code: z.string(), message: z.string() })

/**
 * The sync's state as the page needs it: pushed on GET /api/events (Server-Sent Events,
 * event `status`) whenever it changes, and the first event of every stream.
 */
export const SyncStatusSchema = z.object({
  /** The mirror has held a complete list of conversations (it is served as the whole list). */
  complete: z.boolean(),
  /** Conversations in the mirror now. */
  loaded: z.number(),
  /** perform.chat's `total` as the running pass last read it; null before the first page. */
  total: z.nullable(z.number()),
  /** Start of the last complete pass (ISO 8601): every conversation older than this is in. */
  as_of: z.nullable(z.string()),
  /** A pass is running now. */
  syncing: z.boolean(),
  /** The last complete pass saw the list move in a way it could not account for. */
  possibly_incomplete: z.boolean(),
  /** The upstream rate limit holds the sync back until then. */
  wait: z.nullable(z.object({ reason: z.literal('rate_limit'), retry_after_seconds: z.number() })),
  /** Why the sync cannot go on (a rejected key, an unreachable or insane upstream), if so. */
  error: z.nullable(ErrorShape),
  /** The mirror's change counter: any write that changes a conversation raises it. */
  version: z.number(),
  /** Conversations whose messages are in the mirror (searchable), of all (issue 10). */
  messages: z.optional(z.object({ searched: z.number(), total: z.number() })),
})
export type SyncStatus = z.infer<typeof SyncStatusSchema>

/** GET /api/events: event `restart` (data {}) is the last a stream sends before the server stops. */
/** GET /api/events: event `views` (data {}) says the saved views changed: read them again. */
export const PUSH_EVENTS = { status: 'status', restart: 'restart', views: 'views' } as const

/** GET /api/conversations/activity?filters&from&to&tz: conversations created per day. */
export const ActivitySchema = z.object({
  days: z.array(z.object({ date: z.string(), count: z.number() })),
  total: z.number(),
  version: z.number(),
})
export type Activity = z.infer<typeof ActivitySchema>

/** What a saved view keeps: the page's filters, sort and rows per page (its URL state). */
export const ViewQuerySchema = z.object({
  customer: filterText,
  q: filterText,
  text: filterText,
  from: day,
  to: day,
  tz: zone,
  sort: z.optional(z.enum(SORT_VALUES)),
  limit: z.optional(z.literal(PAGE_SIZES)),
})
export type ViewQuery = z.infer<typeof ViewQuerySchema>

/** A view's name: 1 to 80 characters once trimmed, shown as text. */
export const ViewNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(80))

export const ViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  query: ViewQuerySchema,
  /** Conversations it matches now (recomputed when the mirror changes); null while counting. */
  count: z.nullable(z.number()),
  created_at: z.string(),
  updated_at: z.string(),
})
export type View = z.infer<typeof ViewSchema>
export const ViewListSchema = z.object({ data: z.array(ViewSchema) })
/** POST /api/views */
export const NewViewSchema = z.strictObject({ name: ViewNameSchema, query: ViewQuerySchema })
/** PATCH /api/views/:id */
export const ViewPatchSchema = z.strictObject({ name: ViewNameSchema })
