const isDemo = () => document.querySelector('meta[name="performchat-demo"]') !== null

/** Shown when `npm run dev` runs without a key, against the built-in mock upstream. */
export function DemoBanner() {
  if (!isDemo()) return null
  return (
    <p className="demo-banner">
      <strong>Demo data</strong> — no API key is set, so this page shows generated conversations.
      Set <code>API_KEY_ID</code> and <code>API_KEY_SECRET</code> in <code>.env.local</code> to see
      yours.
    </p>
  )
}
