// GET /api/conversations/export.csv: the whole matching set, streamed batch by batch as
// the store reads it, so memory stays flat whatever the size, and never capped.
import { CONVERSATIONS_CSV_HEAD, conversationCsvRecord, csvFileName } from '../../src/lib/csv.ts'
import type { Conversation } from '../../src/lib/contract.ts'

const encoder = new TextEncoder()

export function exportCsvResponse(
  batches: AsyncIterable<readonly Conversation[]>,
  now: Date,
): Response {
  const iterator = batches[Symbol.asyncIterator]()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CONVERSATIONS_CSV_HEAD))
    },
    // Pulled: the next batch is read only once the client has taken the last one.
    async pull(controller) {
      const next = await iterator.next()
      if (next.done === true) {
        controller.close()
        return
      }
      let text = ''
      for (const row of next.value) text += conversationCsvRecord(row)
      controller.enqueue(encoder.encode(text))
    },
    async cancel() {
      await iterator.return?.()
    },
  })
  // The reader's calendar day is not known here; the server's UTC day names the file.
  const name = csvFileName('conversations', new Date(now.toISOString().slice(0, 10) + 'T00:00:00'))
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
    },
  })
}
