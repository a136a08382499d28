/**
 * Small streams, warm: in each process, warm-up calls on a 1,000-delta stream (the first is the
 * process's cold call), then calls timed to their end alternating with calls timed to their
 * first token, the latter on the same stream with a short pause after its first delta (so the
 * first token is not read together with the rest). The drains give the floor: request and
 * transfer alone, with `node:http` (null-drain) and with `fetch` (fetch-drain).
 */
import { rotated, type BenchContext } from '../runner/bench-context';
import { barChart } from '../runner/charts';
import type { Measurement } from '../runner/child';
import type { ConsumerName } from '../runner/jobs';
import { delta, fixed, span, table, times } from '../runner/markdown';
import type { SseServer } from '../servers/sse-server';
import { median } from '../runner/stats';

/** The stream of the warm measurements, and the pause of its first-token calls. */
export const SMALL_STREAM = { events: 1000, pauseMs: 50 } as const;

/**
 * Measures each consumer's warm calls, one process per repetition.
 *
 * @param bench The runner.
 * @param server The SSE server.
 * @param consumers The consumers, baseline first.
 * @returns The measurements.
 */
export async function measureSmallStreams(bench: BenchContext, server: SseServer, consumers: readonly ConsumerName[]): Promise<Measurement[]> {
  const { events, pauseMs } = SMALL_STREAM;
  const url = server.baseUrl(events);
  const pauseUrl = server.baseUrl(events, pauseMs);
  const bodyBytes = server.bodyBytes(events);
  const measurements: Measurement[] = [];
  for (let rep = 0; rep < bench.reps; rep++) {
    for (const consumer of rotated(consumers, rep)) measurements.push(await bench.measure({ mode: 'warm', consumer, url, pauseUrl, events, bodyBytes }));
  }
  return measurements;
}

/** The medians, over processes, of one consumer's warm figures. */
export interface WarmMedians {
  readonly runs: number;
  readonly ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly firstTokenMs: number;
  readonly minFirstTokenMs: number;
  readonly maxFirstTokenMs: number;
}

/**
 * The medians of one consumer's warm figures.
 *
 * @param measurements Every measurement of the run.
 * @param consumer The consumer.
 * @returns Its medians, or `undefined` when it was not measured.
 */
export function warmMedians(measurements: readonly Measurement[], consumer: ConsumerName): WarmMedians | undefined {
  const figures = measurements
    .filter(({ job }) => job.mode === 'warm' && job.consumer === consumer)
    .flatMap(({ report }) => (report.warm === undefined ? [] : [report.warm]));
  if (figures.length === 0) return undefined;
  const ms = figures.map((f) => f.ms);
  const first = figures.map((f) => f.firstTokenMs);
  return {
    runs: figures.length,
    ms: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    firstTokenMs: median(first),
    minFirstTokenMs: Math.min(...first),
    maxFirstTokenMs: Math.max(...first),
  };
}

/**
 * The small-streams table: warm request time and warm first token against baseline-raw's.
 *
 * @param measurements The warm measurements.
 * @param consumers The consumers, in table order.
 * @returns A Markdown table.
 */
export function smallStreamsTable(measurements: readonly Measurement[], consumers: readonly ConsumerName[]): string {
  const raw = warmMedians(measurements, 'baseline-raw');
  const rows = consumers.flatMap((consumer) => {
    const m = warmMedians(measurements, consumer);
    if (m === undefined) return [];
    return [
      [
        consumer,
        String(m.runs),
        fixed(m.ms, 2),
        span(m.minMs, m.maxMs, 2),
        times(raw === undefined ? NaN : m.ms / raw.ms),
        fixed(m.firstTokenMs, 2),
        span(m.minFirstTokenMs, m.maxFirstTokenMs, 2),
        delta(raw === undefined ? NaN : m.firstTokenMs - raw.firstTokenMs),
      ],
    ];
  });
  return table(['consumer', 'processes', 'request ms', 'min–max ms', 'time × raw', 'first token ms', 'min–max ms', 'first token − raw ms'], rows);
}

/**
 * The small-streams chart: warm request time and warm first token per consumer.
 *
 * @param measurements The warm measurements.
 * @param consumers The consumers, in chart order.
 * @returns An SVG document.
 */
export function smallStreamsChart(measurements: readonly Measurement[], consumers: readonly ConsumerName[]): string {
  const medians = consumers.map((consumer) => warmMedians(measurements, consumer));
  return barChart({
    title: `Small streams, warm: one ${SMALL_STREAM.events.toLocaleString('en-US')}-delta request (median)`,
    valueLabel: 'ms (the drains: request and transfer alone)',
    categories: [...consumers],
    series: [
      { name: 'whole request', values: medians.map((m) => m?.ms ?? NaN) },
      { name: 'first token', values: medians.map((m) => m?.firstTokenMs ?? NaN) },
    ],
  });
}
