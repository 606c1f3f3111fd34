import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** The next request to send: a different path (and session) each time; GET unless it says otherwise. */
  next: () => { path: string; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Drives a listening server with autocannon over real HTTP connections. Latencies are collected
 * from every 2xx answer, in fractions of a millisecond: autocannon's own histogram rounds to whole
 * milliseconds, too coarse for a one-query baseline.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, ...options.next() }) }],
  });
  const latencies: number[] = [];
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.length ? sorted[sorted.length - 1]! : 0 },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    durationSeconds: result.duration,
  };
}
