/**
 * Request counts and latency per route (Prometheus, prom-client), in a registry the server owns
 * (never prom-client's global one, so two servers in one process keep separate figures). The
 * label is the route pattern, never the raw URL, so label cardinality stays bounded.
 */
import { Counter, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  readonly registry: Registry;
  observe(route: string, method: string, status: number, seconds: number): void;
}

export function createHttpMetrics(registry: Registry = new Registry()): HttpMetrics {
  const requests = new Counter({
    name: 'smart_policy_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'smart_policy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern',
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  // Label-bound children, cached: prom-client would otherwise hash the labels on every request.
  // Bounded: routes and methods are the app's own, statuses a few dozen.
  const counters = new Map<string, { inc(): void }>();
  const histograms = new Map<string, { observe(value: number): void }>();
  return {
    registry,
    observe(route, method, status, seconds) {
      const key = `${route} ${method} ${status}`;
      let counter = counters.get(key);
      if (counter === undefined) {
        counter = requests.labels({ route, method, status: String(status) });
        counters.set(key, counter);
      }
      counter.inc();
      let histogram = histograms.get(route);
      if (histogram === undefined) {
        histogram = latency.labels({ route });
        histograms.set(route, histogram);
      }
      histogram.observe(seconds);
    },
  };
}
