type Props = { message: string; retrying: boolean; onRetry: () => void }

/** The one alert of the list: what went wrong, in the server's words, and a way to try again. */
export function ListError({ message, retrying, onRetry }: Props) {
  return (
    <div role="alert" className="notice notice-error">
      <div>
        <strong>The conversations could not be loaded.</strong> <span>{message}</span>
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={retrying}>
        Retry
      </button>
    </div>
  )
}
