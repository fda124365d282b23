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

/**
 * Lines of a streamed snapshot (NDJSON). CONTRACT.md fixes meta, rows and end;
 * `wait` (the upstream rate limit holds the crawl back) and `error` (the crawl
 * failed) are our additions so the page can say why it is not moving.
 */
export function snapshotLineSchema<T extends z.ZodMiniType>(row: T) {
  return z.discriminatedUnion('type', [
    z.object({
      type: z.literal('meta'),
      total: z.number(),
      as_of: z.nullable(z.string()),
      complete: z.boolean(),
    }),
    z.object({ type: z.literal('rows'), rows: z.array(row) }),
    z.object({ type: z.literal('wait'), reason: z.string(), retry_after_seconds: z.number() }),
    z.object({
      type: z.literal('error'),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
    z.object({ type: z.literal('end'), complete: z.boolean(), as_of: z.string() }),
  ])
}
export const ConversationSnapshotLineSchema = snapshotLineSchema(ConversationSchema)
export type ConversationSnapshotLine = z.infer<typeof ConversationSnapshotLineSchema>
export const CustomerSnapshotLineSchema = snapshotLineSchema(CustomerUserSchema)
export type CustomerSnapshotLine = z.infer<typeof CustomerSnapshotLineSchema>

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
