/**
 * Tallied metrics must scrape exactly as prom-client's own counter and histogram would, for any
 * observations: the same text exposition and the same JSON. prom-client is the oracle, fed the
 * same values in a second registry.
 */
import fc from 'fast-check';
import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { talliedCounter, talliedHistogram } from '../../src/server/metric-tallies.js';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const ROUTES = ['/v1/decide/access', '/token', '/fhir/:type/:id', 'a "quoted" \\ route'];

/** Values on, just below and just above every bound, and anything else finite and non-negative. */
const latency = fc.oneof(
  fc.constantFrom(...BUCKETS, 0),
  fc.constantFrom(...BUCKETS).map((b) => b * (1 - 1e-9)),
  fc.constantFrom(...BUCKETS).map((b) => b * (1 + 1e-9)),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

const observation = fc.record({ route: fc.constantFrom(...ROUTES), status: fc.constantFrom(200, 400, 404, 500), seconds: latency });

function pair() {
  const tallied = new Registry();
  const oracle = new Registry();
  const counterConfig = { name: 'requests_total', help: 'requests', labelNames: ['route', 'status'] as const };
  const histogramConfig = { name: 'latency_seconds', help: 'latency', labelNames: ['route'] as const, buckets: [...BUCKETS] };
  return {
    tallied,
    oracle,
    counter: talliedCounter({ ...counterConfig, registers: [tallied] }),
    histogram: talliedHistogram({ ...histogramConfig, registers: [tallied] }),
    oracleCounter: new Counter({ ...counterConfig, registers: [oracle] }),
    oracleHistogram: new Histogram({ ...histogramConfig, registers: [oracle] }),
  };
}

describe('tallied metrics', () => {
  it('scrape as prom-client does for the same observations (text and JSON), including between scrapes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(observation, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), async (batches) => {
        const m = pair();
        const counters = new Map<string, { inc(): void }>();
        const histograms = new Map<string, { observe(value: number): void }>();
        for (const batch of batches) {
          for (const { route, status, seconds } of batch) {
            const key = `${route} ${status}`;
            let counter = counters.get(key);
            if (counter === undefined) {
              counter = m.counter.series({ route, status: String(status) });
              counters.set(key, counter);
              m.oracleCounter.inc({ route, status: String(status) }, 0);
            }
            let histogram = histograms.get(route);
            if (histogram === undefined) {
              histogram = m.histogram.series({ route });
              histograms.set(route, histogram);
              m.oracleHistogram.zero({ route });
            }
            counter.inc();
            histogram.observe(seconds);
            m.oracleCounter.inc({ route, status: String(status) });
            m.oracleHistogram.observe({ route }, seconds);
          }
          // Scraping twice must not count twice.
          expect(await m.tallied.metrics()).toBe(await m.oracle.metrics());
          expect(await m.tallied.metrics()).toBe(await m.oracle.metrics());
          expect(await m.tallied.getMetricsAsJSON()).toEqual(await m.oracle.getMetricsAsJSON());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('expose a series from its creation, at zero, as prom-client does for a zeroed series', async () => {
    const m = pair();
    m.counter.series({ route: '/a', status: '200' });
    m.histogram.series({ route: '/a' });
    m.oracleCounter.inc({ route: '/a', status: '200' }, 0);
    m.oracleHistogram.zero({ route: '/a' });
    expect(await m.tallied.metrics()).toBe(await m.oracle.metrics());
  });

  it('drop a non-finite latency instead of failing the request (prom-client would throw)', async () => {
    const m = pair();
    const series = m.histogram.series({ route: '/a' });
    m.oracleHistogram.zero({ route: '/a' });
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => series.observe(value)).not.toThrow();
    series.observe(0.002);
    m.oracleHistogram.observe({ route: '/a' }, 0.002);
    expect(await m.tallied.metrics()).toBe(await m.oracle.metrics());
  });
});
