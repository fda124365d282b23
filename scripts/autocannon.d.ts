// The part of autocannon 9's API that scripts/bench-server.ts uses (the package has no types).
declare module 'autocannon' {
  export type Histogram = {
    average: number
    mean: number
    min: number
    max: number
    p50: number
    p90: number
    p99: number
    p99_9: number
    total: number
  }
  export type Result = {
    latency: Histogram
    requests: Histogram
    throughput: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    mismatches: number
    statusCodeStats: Record<string, { count: number }>
  }
  export type Options = {
    url: string
    method?: string
    body?: string
    headers?: Record<string, string>
    connections?: number
    duration?: number
    overallRate?: number
    timeout?: number
  }
  export type Instance = Promise<Result> & {
    on(
      event: 'response',
      listener: (client: unknown, status: number, bytes: number, ms: number) => void,
    ): void
    stop(): void
  }
  export default function autocannon(options: Options): Instance
}
