/**
 * Request counts and latency per route (Prometheus, prom-client), in a registry the server owns
 * (never prom-client's global one, so two servers in one process keep separate figures). The
 * label is the route pattern, never the raw URL, so label cardinality stays bounded.
 *
 * A route's recorder is resolved once, when the route is registered (`createServerApp` does it
 * from an `onRoute` hook); recording is then a few additions (`metric-tallies.ts`).
 */
import { Registry } from 'prom-client';
import { type CounterTally, type HistogramTally, talliedCounter, talliedHistogram } from './metric-tallies.js';

/** Records one answered request of a route: its status code and how long it took. */
export type RouteRecorder = (status: number, seconds: number) => void;

export interface HttpMetrics {
  readonly registry: Registry;
  /** The recorder of one route pattern and method (the same recorder for the same pair). */
  route(pattern: string, method: string): RouteRecorder;
}

/** Status codes are bounded by HTTP (100–599); anything else is counted under one label, `other`. */
const OTHER_STATUS = 0;
function statusCode(status: number): number {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? status : OTHER_STATUS;
}

export function createHttpMetrics(registry: Registry = new Registry()): HttpMetrics {
  const requests = talliedCounter({
    name: 'smart_policy_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = talliedHistogram({
    name: 'smart_policy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const latencies = new Map<string, HistogramTally>();
  const recorders = new Map<string, RouteRecorder>();
  return {
    registry,
    route(pattern, method) {
      const key = `${method} ${pattern}`;
      const known = recorders.get(key);
      if (known !== undefined) return known;
      let histogram = latencies.get(pattern);
      if (histogram === undefined) {
        histogram = latency.series({ route: pattern });
        latencies.set(pattern, histogram);
      }
      const routeLatency = histogram;
      // A route answers with a handful of status codes; each gets its series on first use.
      const byStatus = new Map<number, CounterTally>();
      const recorder: RouteRecorder = (status, seconds) => {
        const code = statusCode(status);
        let counter = byStatus.get(code);
        if (counter === undefined) {
          counter = requests.series({ route: pattern, method, status: code === OTHER_STATUS ? 'other' : String(code) });
          byStatus.set(code, counter);
        }
        counter.inc();
        routeLatency.observe(seconds);
      };
      recorders.set(key, recorder);
      return recorder;
    },
  };
}
