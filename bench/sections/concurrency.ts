/**
 * Concurrency: many streams at once in one process (1,000 streams of 1,000 deltas by default),
 * every one checked, timed from the first call to the last text.
 */
import { eventsPerSecond, rotated, summaryOf, type BenchContext } from '../runner/bench-context';
import type { Measurement } from '../runner/child';
import { V2_OTHER_EVENTS } from '../data/stream-events';
import type { ConsumerName } from '../runner/jobs';
import { int, span, table, times } from '../runner/markdown';
import type { SseServer } from '../servers/sse-server';

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
  const measurements: Measurement[] = [];
  for (let rep = 0; rep < bench.reps; rep++) {
    for (const consumer of rotated(consumers, rep))
      measurements.push(await bench.measure({ mode: 'concurrent', consumer, url, events: shape.events, streams: shape.streams }));
  }
  return measurements;
}

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
