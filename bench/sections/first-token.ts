/**
 * Time to first token: the server sends the first content delta of a 1,000-delta stream, pauses
 * 500 ms, then sends the rest. Each process makes two requests: its first (cold: the consumer is
 * loaded, no request has run yet) and a second. The drains' first token is their first bytes:
 * the floor of `node:http` (null-drain) and of `fetch` (fetch-drain).
 */
import { rotated, type BenchContext } from '../runner/bench-context';
import { barChart } from '../runner/charts';
import type { Measurement } from '../runner/child';
import type { ConsumerName } from '../runner/jobs';
import { delta, fixed, int, span, table } from '../runner/markdown';
import type { SseServer } from '../servers/sse-server';
import { median } from '../runner/stats';

/** The stream of the first-token measurements. */
export const FIRST_TOKEN_STREAM = { events: 1000, pauseMs: 500 } as const;

/**
 * Measures each consumer's first-token latency, one process per repetition.
 *
 * @param bench The runner.
 * @param server The SSE server.
 * @param consumers The consumers, baseline first.
 * @returns The measurements.
 */
export async function measureFirstToken(bench: BenchContext, server: SseServer, consumers: readonly ConsumerName[]): Promise<Measurement[]> {
  const { events, pauseMs } = FIRST_TOKEN_STREAM;
  const url = server.baseUrl(events, pauseMs);
  const bodyBytes = server.bodyBytes(events, pauseMs);
  const measurements: Measurement[] = [];
  for (let rep = 0; rep < bench.reps; rep++) {
    for (const consumer of rotated(consumers, rep)) measurements.push(await bench.measure({ mode: 'first-token', consumer, url, events, bodyBytes }));
  }
  return measurements;
}

/** The medians of one consumer's first-token figures. */
export interface FirstTokenMedians {
  readonly runs: number;
  readonly importMs: number;
  readonly coldMs: number;
  readonly minColdMs: number;
  readonly maxColdMs: number;
  readonly secondMs: number;
  readonly coldStreamMs: number;
}

/**
 * The medians of one consumer's first-token figures.
 *
 * @param measurements Every measurement of the run.
 * @param consumer The consumer.
 * @returns Its medians, or `undefined` when it was not measured.
 */
export function firstTokenMedians(measurements: readonly Measurement[], consumer: ConsumerName): FirstTokenMedians | undefined {
  const runs = measurements.filter(({ job, report }) => job.mode === 'first-token' && job.consumer === consumer && report.firstToken !== undefined);
  if (runs.length === 0) return undefined;
  const of = (pick: (figures: NonNullable<Measurement['report']['firstToken']>) => number) =>
    runs.map(({ report }) => (report.firstToken ? pick(report.firstToken) : NaN));
  const cold = of((f) => f.coldMs);
  return {
    runs: runs.length,
    importMs: median(runs.map(({ report }) => report.importMs)),
    coldMs: median(cold),
    minColdMs: Math.min(...cold),
    maxColdMs: Math.max(...cold),
    secondMs: median(of((f) => f.warmMs)),
    coldStreamMs: median(of((f) => f.coldStreamMs)),
  };
}

/**
 * The first-token table: each consumer's first request (cold) and second request, cold against
 * baseline-raw's.
 *
 * @param measurements The first-token measurements.
 * @param consumers The consumers, in table order.
 * @returns A Markdown table.
 */
export function firstTokenTable(measurements: readonly Measurement[], consumers: readonly ConsumerName[]): string {
  const raw = firstTokenMedians(measurements, 'baseline-raw');
  const rows = consumers.flatMap((consumer) => {
    const m = firstTokenMedians(measurements, consumer);
    if (m === undefined) return [];
    return [
      [
        consumer,
        String(m.runs),
        int(m.importMs),
        fixed(m.coldMs),
        span(m.minColdMs, m.maxColdMs, 1),
        delta(raw === undefined ? NaN : m.coldMs - raw.coldMs),
        fixed(m.secondMs),
        delta(raw === undefined ? NaN : m.secondMs - raw.secondMs),
        int(m.coldStreamMs),
      ],
    ];
  });
  return table(
    [
      'consumer',
      'runs',
      'import ms',
      'first token, cold ms',
      'cold min–max ms',
      'cold − raw ms',
      'first token, 2nd request ms',
      '2nd − raw ms',
      'whole stream, cold ms',
    ],
    rows,
  );
}

/**
 * The first-token chart: each consumer's first token on its first and second request.
 *
 * @param measurements The first-token measurements.
 * @param consumers The consumers, in chart order.
 * @returns An SVG document.
 */
export function firstTokenChart(measurements: readonly Measurement[], consumers: readonly ConsumerName[]): string {
  const medians = consumers.map((consumer) => firstTokenMedians(measurements, consumer));
  return barChart({
    title: `Time to first token, ${int(FIRST_TOKEN_STREAM.events)}-delta stream, fresh process (median)`,
    valueLabel: 'request start to first token, ms (the drains: to the first bytes)',
    categories: [...consumers],
    series: [
      { name: 'first request (cold)', values: medians.map((m) => m?.coldMs ?? NaN) },
      { name: 'second request', values: medians.map((m) => m?.secondMs ?? NaN) },
    ],
  });
}
