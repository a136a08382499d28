/**
 * Time to first token: the server sends the first content delta of a 1,000-delta stream, pauses
 * 500 ms, then sends the rest. Each process makes two requests: cold (its first) and warm.
 */
import { rotated, type BenchContext } from '../runner/bench-context';
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
  const measurements: Measurement[] = [];
  for (let rep = 0; rep < bench.reps; rep++) {
    for (const consumer of rotated(consumers, rep)) measurements.push(await bench.measure({ mode: 'first-token', consumer, url, events }));
  }
  return measurements;
}

/** The medians of one consumer's first-token figures. */
export function firstTokenMedians(
  measurements: readonly Measurement[],
  consumer: ConsumerName,
): { runs: number; coldMs: number; warmMs: number; minWarmMs: number; maxWarmMs: number; coldStreamMs: number } | undefined {
  const figures = measurements
    .filter(({ job }) => job.mode === 'first-token' && job.consumer === consumer)
    .flatMap(({ report }) => (report.firstToken === undefined ? [] : [report.firstToken]));
  if (figures.length === 0) return undefined;
  const warm = figures.map((f) => f.warmMs);
  return {
    runs: figures.length,
    coldMs: median(figures.map((f) => f.coldMs)),
    warmMs: median(warm),
    minWarmMs: Math.min(...warm),
    maxWarmMs: Math.max(...warm),
    coldStreamMs: median(figures.map((f) => f.coldStreamMs)),
  };
}

/**
 * The first-token table: cold and warm latency of each consumer, warm against baseline-raw's.
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
        fixed(m.coldMs),
        fixed(m.warmMs),
        span(m.minWarmMs, m.maxWarmMs, 1),
        delta(raw === undefined ? NaN : m.warmMs - raw.warmMs),
        int(m.coldStreamMs),
      ],
    ];
  });
  return table(['consumer', 'runs', 'first token, cold ms', 'first token, warm ms', 'warm min–max ms', 'warm − raw ms', 'whole stream, cold ms'], rows);
}
