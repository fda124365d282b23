// Whether a list comes newest-created first. perform.chat does not document its order;
// when a full pass finds `created_at` never increasing along the list (missing dates
// skipped), new rows can only appear on the first pages, so the sync refreshes those
// often and full passes can be rare. Pages are compared with their neighbours only when
// both were read at the same total: rows arriving at the head in between shift a later
// read, which would look like disorder that is not there.

export type OrderCheck = {
  record: (page: number, total: number, rows: readonly { created_at?: string | null }[]) => void
  /** True when newest first, false when not, null when no two dates could be compared. */
  verdict: () => boolean | null
}

type PageDates = { total: number; first: number; last: number }

const dateOf = (value: string | null | undefined) => {
  const ms = value ? Date.parse(value) : Number.NaN
  return Number.isNaN(ms) ? null : ms
}

export function createOrderCheck(): OrderCheck {
  const pages = new Map<number, PageDates>()
  let compared = 0
  let disorder = false

  return {
    record(page, total, rows) {
      let first: number | null = null
      let previous: number | null = null
      for (const row of rows) {
        const at = dateOf(row.created_at)
        if (at === null) continue
        first ??= at
        if (previous !== null) {
          compared++
          if (at > previous) disorder = true
        }
        previous = at
      }
      if (first !== null && previous !== null) pages.set(page, { total, first, last: previous })
    },
    verdict() {
      let across = 0
      for (const [page, dates] of pages) {
        const next = pages.get(page + 1)
        if (!next || next.total !== dates.total) continue
        across++
        if (next.first > dates.last) return false
      }
      if (disorder) return false
      return compared + across > 0 ? true : null
    },
  }
}
