import { useEffect, useState } from 'react'

const TICK_MS = 1_000

type Props = {
  /** The wait the server last pushed, in seconds… */
  seconds: number
  /** …and when it was received (ms since the epoch). */
  since: number
}

/** What the page says while perform.chat's rate limit holds the sync back, counting down. */
export function RateLimitStatus({ seconds, since }: Props) {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [])
  const left = Math.max(0, Math.ceil((since + seconds * 1000 - Math.max(now, since)) / 1000))
  return (
    <p role="status" className="notice notice-wait">
      {left > 0
        ? `Paused by the perform.chat rate limit: loading resumes by itself in about ${left} s.`
        : 'Paused by the perform.chat rate limit: loading resumes by itself in a moment.'}
    </p>
  )
}
