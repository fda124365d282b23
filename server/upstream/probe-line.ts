// The one-at-a-time line of calls while the key is unproven (before perform.chat first
// accepts it, and after a 401): parallel calls with a wrong key would each spend one of
// the failed authentications perform.chat allows. A person's call (opening a transcript)
// goes before the sync's calls waiting in line, which on a fresh start with perform.chat
// hanging could be the crawl's whole first width, each holding the line for a timeout.
// Once the key is accepted, everyone in line goes at once.
export type ProbeLine = {
  /** Resolves when it is this call's turn, or at once if the key is accepted meanwhile. */
  wait: (interactive: boolean) => Promise<void>
  /** Ends the current turn: the next call goes, or all of them if the key is accepted. */
  pass: (keyAccepted: boolean) => void
}

export function createProbeLine(): ProbeLine {
  const line: { interactive: boolean; go: () => void }[] = []
  let busy = false
  return {
    wait(interactive) {
      if (!busy) {
        busy = true
        return Promise.resolve()
      }
      return new Promise<void>((go) => line.push({ interactive, go }))
    },
    pass(keyAccepted) {
      if (keyAccepted) {
        busy = false
        for (const waiter of line.splice(0)) waiter.go()
        return
      }
      const first = line.findIndex((waiter) => waiter.interactive)
      const next = first >= 0 ? line.splice(first, 1)[0] : line.shift()
      if (next) next.go()
      else busy = false
    },
  }
}
