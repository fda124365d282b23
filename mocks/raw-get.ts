// Test support: a GET with a JSON body, which fetch cannot send, for calling the mock
// upstream exactly as perform.chat is called.
import http, { type IncomingHttpHeaders } from 'node:http'

export type RawAnswer = {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json: unknown
}

export function rawGet(url: string, body?: unknown, method = 'GET'): Promise<RawAnswer> {
  const payload = body === undefined ? '' : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
    })
    request.on('error', reject)
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json })
      })
    })
    request.end(payload)
  })
}
