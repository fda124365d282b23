// One process is the whole deployment: it always leads, its own limiter is the budget,
// and there is no one to tell anything. Every call is exactly what the process did
// before replicas existed.
import type { Cluster } from './cluster.ts'

export const singleProcessCluster: Cluster = {
  shared: false,
  isLeader: () => true,
  exclusive: (fn) => fn(),
  gate: (local) => local,
  replicate: ({ create }) => create(),
  upstreamStatus: (local) => local,
  viewsChanged: () => {},
  onViewsChanged: () => () => {},
  close: () => Promise.resolve(),
}
