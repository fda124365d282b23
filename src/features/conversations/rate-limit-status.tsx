/** What the page says while perform.chat's rate limit holds the crawl back. */
function rateLimitMessage(seconds: number) {
  return `Paused by the perform.chat rate limit: loading resumes by itself in about ${Math.ceil(seconds)} s.`
}

export function RateLimitStatus({ seconds }: { seconds: number }) {
  return (
    <p role="status" className="notice notice-wait">
      {rateLimitMessage(seconds)}
    </p>
  )
}
