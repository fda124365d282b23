/** The mark for a value the API did not give: an em dash, explained on hover. */
export function MissingValue({ what = 'Not recorded' }: { what?: string }) {
  return (
    <span className="missing" title={what}>
      —
    </span>
  )
}
