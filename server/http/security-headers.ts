// Headers on every answer that keep the browser from doing what this app never needs:
// running inline or foreign script, being framed, sniffing types, leaking the URL (which
// holds customer searches) as a referrer. The built index.html loads one module script
// and one stylesheet from /assets, so this policy needs no nonce and no 'unsafe-inline'.
import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

const self = "'self'"
const none = "'none'"

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
  "form-action 'self'; frame-ancestors 'none'"

export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: [self],
      scriptSrc: [self],
      styleSrc: [self],
      imgSrc: [self, 'data:'],
      connectSrc: [self],
      fontSrc: [self],
      objectSrc: [none],
      baseUri: [self],
      formAction: [self],
      frameAncestors: [none],
    },
    // The app speaks plain HTTP; HSTS belongs to the proxy that terminates TLS.
    strictTransportSecurity: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginOpenerPolicy: 'same-origin',
    xContentTypeOptions: 'nosniff',
    removePoweredBy: true,
  })
}
