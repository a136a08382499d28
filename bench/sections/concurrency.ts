/**
 * Concurrency: many streams at once in one process (1,000 streams of 1,000 deltas by default),
 * every one checked, timed from the first call to the last text; the null consumer decides
 * whether the shape is reported (see `runner/headroom.ts`).
 */
import { eventsPerSecond, rotated, summaryOf, type BenchContext } from '../runner/bench-context';
import { barChart } from '../runner/charts';
import type { Measurement } from '../runner/child';
import { V2_OTHER_EVENTS } from '../data/stream-events';
import { headroom, headroomTable, type Headroom } from '../runner/headroom';
import { DRAINS, type ConsumerName } from '../runner/jobs';
import { int, span, table, times } from '../runner/markdown';
import type { SseServer } from '../servers/sse-server';
import { NULL_CONSUMER } from './throughput';

/** The consumers of the concurrency section: the null consumer, the transport's floor, baseline-raw and the full pipeline. */
export const CONCURRENT_CONSUMERS = [NULL_CONSUMER, 'fetch-drain', 'baseline-raw', 'accumulate-chat'] as const satisfies readonly ConsumerName[];

/** How many streams of how many deltas. */
export interface ConcurrencyShape {
  readonly streams: number;
  readonly events: number;
}

/**
 * Measures each consumer reading `shape.streams` streams at once, one process per repetition.
 *
 * @param bench The runner.
 * @param server The SSE server.
 * @param shape How many streams of how many deltas.
 * @param consumers The consumers, baseline first.
 * @returns The measurements.
 */
export async function measureConcurrency(
  bench: BenchContext,
  server: SseServer,
  shape: ConcurrencyShape,
  consumers: readonly ConsumerName[],
): Promise<Measurement[]> {
  const url = server.baseUrl(shape.events);
  const bodyBytes = server.bodyBytes(shape.events);
  const measurements: Measurement[] = [];
  for (let rep = 0; rep < bench.reps; rep++) {
    for (const consumer of rotated(consumers, rep))
      measurements.push(await bench.measure({ mode: 'concurrent', consumer, url, events: shape.events, bodyBytes, streams: shape.streams }));
  }
  return measurements;
}

/**
 * The null-consumer rule for the shape.
 *
 * @param measurements The concurrency measurements.
 * @param shape How many streams of how many deltas.
 * @param consumers The consumers measured.
 * @returns The null consumer against the fastest real consumer.
 */
export const concurrencyHeadroom = (measurements: readonly Measurement[], shape: ConcurrencyShape, consumers: readonly ConsumerName[]): Headroom =>
  headroom(measurements, { mode: 'concurrent', events: shape.events }, (shape.events + V2_OTHER_EVENTS) * shape.streams, NULL_CONSUMER, consumers);

/**
 * The null-consumer check of the shape.
 *
 * @param measurements The concurrency measurements.
 * @param shape How many streams of how many deltas.
 * @param consumers The consumers measured.
 * @returns A Markdown table.
 */
export const concurrencyHeadroomTable = (measurements: readonly Measurement[], shape: ConcurrencyShape, consumers: readonly ConsumerName[]): string =>
  headroomTable([{ setting: `${int(shape.streams)} × ${int(shape.events)} deltas`, headroom: concurrencyHeadroom(measurements, shape, consumers) }]);

/**
 * The concurrency table: total time, throughput and peak memory against baseline-raw's.
 *
 * @param measurements The concurrency measurements.
 * @param shape How many streams of how many deltas.
 * @param consumers The consumers, in table order.
 * @returns A Markdown table.
 */
export function concurrencyTable(measurements: readonly Measurement[], shape: ConcurrencyShape, consumers: readonly ConsumerName[]): string {
  const raw = summaryOf(measurements, 'concurrent', 'baseline-raw', shape.events);
  const rows = consumers.flatMap((consumer) => {
    const s = summaryOf(measurements, 'concurrent', consumer, shape.events);
    if (s === undefined) return [];
    return [
      [
        consumer,
        String(s.runs),
        int(s.ms),
        span(s.minMs, s.maxMs),
        int(eventsPerSecond(shape.events + V2_OTHER_EVENTS, s.ms) * shape.streams),
        times(raw === undefined ? NaN : raw.ms / s.ms),
        int(s.cpuMs),
        int(s.peakRssMb),
        times(raw === undefined ? NaN : s.peakRssMb / raw.peakRssMb),
        int(s.peakHeapMb),
      ],
    ];
  });
  return table(
    ['consumer', 'runs', 'total ms (median)', 'min–max ms', 'events/s (all streams)', 'events/s ÷ raw', 'CPU ms', 'peak RSS MB', 'RSS × raw', 'peak heap MB'],
    rows,
  );
}

/**
 * The concurrency chart: events/s over all streams, per real consumer.
 *
 * @param measurements The concurrency measurements.
 * @param shape How many streams of how many deltas.
 * @param consumers The consumers measured.
 * @returns An SVG document.
 */
export function concurrencyChart(measurements: readonly Measurement[], shape: ConcurrencyShape, consumers: readonly ConsumerName[]): string {
  const real = consumers.filter((consumer) => !DRAINS.includes(consumer));
  const serverBound = concurrencyHeadroom(measurements, shape, consumers).serverBound ? ' (server-bound)' : '';
  return barChart({
    title: `Concurrency: ${int(shape.streams)} streams of ${int(shape.events)} deltas in one process (median)${serverBound}`,
    valueLabel: 'events/s, all streams',
    categories: real,
    series: [
      {
        name: 'events/s',
        values: real.map((consumer) => {
          const s = summaryOf(measurements, 'concurrent', consumer, shape.events);
          return s === undefined ? NaN : eventsPerSecond(shape.events + V2_OTHER_EVENTS, s.ms) * shape.streams;
        }),
      },
    ],
  });
}
