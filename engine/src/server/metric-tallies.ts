/**
 * Prometheus metrics counted as plain numbers on the request path and handed to prom-client only
 * when `/metrics` is scraped. prom-client validates and hashes the label set on every `inc` and
 * `observe`, even through a label-bound child (0.6 to 1 µs each, measured, three per decision); a
 * tally is an addition. The registry, the exposition format and the names stay prom-client's, and
 * `metric-tallies.test.ts` checks that a scrape prints exactly what prom-client's own counter and
 * histogram print for the same observations.
 *
 * A series is created once, by its labels, by code that owns a bounded set of them (route
 * patterns, outcomes, status codes), and is kept: there are as many series as the callers make.
 */
import { Counter, type CounterConfiguration, Histogram, type HistogramConfiguration, type LabelValues } from 'prom-client';

export interface CounterTally {
  /** Adds one (or `by`) to this series. */
  inc(by?: number): void;
}

export interface HistogramTally {
  observe(value: number): void;
}

/**
 * A counter whose series are tallies. The prom-client metric itself stays private: an `inc` on it
 * would be overwritten at the next scrape.
 */
export interface TalliedCounter<L extends string> {
  /** The series with these labels, exposed (at zero) from now on. */
  series(labels: LabelValues<L>): CounterTally;
}

/** A histogram whose series are tallies (its prom-client metric stays private, as for counters). */
export interface TalliedHistogram<L extends string> {
  /** The series with these labels, exposed (empty) from now on. */
  series(labels: LabelValues<L>): HistogramTally;
}

class CounterSeries<L extends string> implements CounterTally {
  total = 0;
  constructor(readonly labels: LabelValues<L>) {}
  inc(by = 1): void {
    this.total += by;
  }
}

/** A counter whose series are tallies; each scrape sets prom-client's series to them. */
export function talliedCounter<L extends string>(config: Omit<CounterConfiguration<L>, 'collect'>): TalliedCounter<L> {
  const all: CounterSeries<L>[] = [];
  // Registered with `config.registers` by prom-client; reached only through the registry.
  new Counter<L>({
    ...config,
    collect(this: Counter<L>) {
      this.reset();
      for (const series of all) this.inc(series.labels, series.total);
    },
  });
  return {
    series(labels) {
      const series = new CounterSeries<L>(labels);
      all.push(series);
      return series;
    },
  };
}

class HistogramSeries<L extends string> implements HistogramTally {
  /** Observations per bucket (not cumulative); the last one is +Inf. */
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(
    readonly labels: LabelValues<L>,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }
  observe(value: number): void {
    // prom-client throws on a non-finite value; a metric must never fail a request, so it is dropped.
    if (!Number.isFinite(value)) return;
    let bucket = 0;
    while (bucket < this.bounds.length && value > (this.bounds[bucket] as number)) bucket++;
    this.counts[bucket] = (this.counts[bucket] as number) + 1;
    this.sum += value;
    this.count += 1;
  }
}

/**
 * What a histogram's `get()` returns, as prom-client builds it at run time. Its typings differ: they
 * declare `type` as a numeric enum the library neither exports nor uses, and a `collect` member
 * it never sets; hence one cast, in `exported()`.
 */
type HistogramExport<L extends string> = Awaited<ReturnType<Histogram<L>['get']>>;
type HistogramValue<L extends string> = HistogramExport<L>['values'][number];
/** A value as prom-client's histogram hands it to the registry: its own labels, and the series'. */
type SharedLabelsValue<L extends string> = HistogramValue<L> & { sharedLabels: LabelValues<L>; exemplar?: null };

/**
 * prom-client's Histogram with its series held as tallies. prom-client has no way to set a
 * histogram's buckets, so the subclass answers the two calls a registry makes at scrape time
 * (`get` for JSON, `getForPromString` for the text format) from the tallies, in prom-client's own
 * shape: bucket lines carry `le` as their labels and the series' labels as shared labels.
 */
class TallyHistogram<L extends string> extends Histogram<L> {
  readonly tallies: HistogramSeries<L>[] = [];
  readonly bounds: readonly number[];
  private readonly described: Pick<HistogramExport<L>, 'name' | 'help' | 'aggregator'>;

  constructor(config: HistogramConfiguration<L> & { readonly buckets: number[] }) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
    this.described = { name: config.name, help: config.help, aggregator: config.aggregator ?? 'sum' };
  }

  override async get(): Promise<HistogramExport<L>> {
    const exported = this.exported();
    // As prom-client's get(): the shared labels folded into each value's labels.
    const values = exported.values.map(({ sharedLabels, ...value }) => ({ ...value, labels: { ...value.labels, ...sharedLabels } }));
    return { ...exported, values };
  }

  /** The registry calls this, when present, for the text format (prom-client's Histogram has it too). */
  async getForPromString(): Promise<HistogramExport<L>> {
    return this.exported();
  }

  private exported(): Omit<HistogramExport<L>, 'values'> & { values: SharedLabelsValue<L>[] } {
    const { name } = this.described;
    const values: SharedLabelsValue<L>[] = [];
    for (const series of this.tallies) {
      let cumulative = 0;
      this.bounds.forEach((bound, bucket) => {
        cumulative += series.counts[bucket] as number;
        values.push(bucketValue(name, bound, cumulative, series.labels));
      });
      values.push(bucketValue(name, '+Inf', series.count, series.labels));
      values.push({ labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${name}_sum` });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${name}_count` });
    }
    const exported = { ...this.described, type: 'histogram', values };
    return exported as unknown as Omit<HistogramExport<L>, 'values'> & { values: SharedLabelsValue<L>[] };
  }
}

function bucketValue<L extends string>(name: string, le: number | '+Inf', value: number, labels: LabelValues<L>): SharedLabelsValue<L> {
  // `le` is not one of the declared label names; prom-client's own bucket values carry it the same way.
  return { labels: { le } as unknown as LabelValues<L>, sharedLabels: labels, value, metricName: `${name}_bucket`, exemplar: null };
}

/** A histogram whose series are tallies (see `TallyHistogram`). */
export function talliedHistogram<L extends string>(
  config: Omit<HistogramConfiguration<L>, 'collect'> & { readonly buckets: number[] },
): TalliedHistogram<L> {
  const metric = new TallyHistogram<L>(config);
  return {
    series(labels) {
      const series = new HistogramSeries<L>(labels, metric.bounds);
      metric.tallies.push(series);
      return series;
    },
  };
}
