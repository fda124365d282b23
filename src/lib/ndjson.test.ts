import { expect, test } from 'vitest'
import * as z from 'zod/mini'
import { NdjsonLineError, readNdjson } from './ndjson.ts'

const Line = z.object({ n: z.number() })

function bodyOf(...chunks: string[]) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
}

async function collect(body: ReadableStream<Uint8Array>) {
  const lines: unknown[] = []
  for await (const line of readNdjson(body, Line, '/api/test')) lines.push(line)
  return lines
}

test('yields each line, even when chunks split lines and characters', async () => {
  const bytes = new TextEncoder().encode('{"n":1}\n{"n":2}\n')
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const byte of bytes) controller.enqueue(Uint8Array.of(byte))
      controller.close()
    },
  })
  expect(await collect(body)).toEqual([{ n: 1 }, { n: 2 }])
})

test('reads a last line without a newline and skips blank lines', async () => {
  expect(await collect(bodyOf('{"n":1}\n\n  \n{"n', '":2}'))).toEqual([{ n: 1 }, { n: 2 }])
})

test('a line that is not JSON fails with its line number', async () => {
  const lines = collect(bodyOf('{"n":1}\n{"n":\n{"n":3}\n'))
  await expect(lines).rejects.toThrow(NdjsonLineError)
  await expect(collect(bodyOf('{"n":1}\n{"n":\n'))).rejects.toThrow(
    'Line 2 of /api/test is not valid JSON.',
  )
})

test('a line of the wrong shape fails naming the field', async () => {
  await expect(collect(bodyOf('{"n":"one"}\n'))).rejects.toThrow(
    /Line 1 of \/api\/test is not what the dashboard expects \(n: /,
  )
})

test('lines before a malformed one are delivered first', async () => {
  const seen: unknown[] = []
  await expect(async () => {
    for await (const line of readNdjson(bodyOf('{"n":1}\nnope\n'), Line, '/x')) seen.push(line)
  }).rejects.toThrow(NdjsonLineError)
  expect(seen).toEqual([{ n: 1 }])
})
