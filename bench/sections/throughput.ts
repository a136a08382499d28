/**
 * Throughput and memory: every api.cohere.com consumer, the null consumer included, reads
 * streams of each size in its own process, several interleaved repetitions. At 1,000,000
 * deltas, a consumer whose median at the next smaller size predicts more than a minute runs
 * once. A size whose null consumer was not 3× faster than the fastest consumer is marked
 * server-bound (see `runner/headroom.ts`).
 */
import { eventsPerSecond, rotated, summaryOf, type BenchContext } from '../runner/bench-context';
import { lineChart } from '../runner/charts';
import type { Measurement } from '../runner/child';
import { V2_OTHER_EVENTS } from '../data/stream-events';
import { headroom, headroomTable, SERVER_BOUND, type Headroom } from '../runner/headroom';
import { DRAINS, HTTP_CONSUMERS, type ConsumerName } from '../runner/jobs';
import { fixed, int, span, table, times } from '../runner/markdown';
import type { SseServer } from '../servers/sse-server';
import type { Summary } from '../runner/stats';

/** Each consumer's colour in the charts: baseline-raw black, the full pipeline blue, the drains grey. */
const COLORS: Readonly<Record<(typeof HTTP_CONSUMERS)[number], string>> = {
  'null-drain': '#7f7f7f',
  'fetch-drain': '#b5aca6',
  'baseline-raw': '#222222',
  'accumulate-chat': '#4e79a7',
  'accumulate-chat-metrics': '#76b7b2',
  'chat-snapshots': '#59a14f',
  'text-deltas': '#f28e2b',
  'cohere-ai': '#e15759',
};

/** The HTTP null consumer. */
export const NULL_CONSUMER = 'null-drain' satisfies ConsumerName;

/** At 1,000,000 deltas and more, a consumer predicted to run longer than this runs once. */
const SLOW_PEER_MS = 60_000;
const SLOW_PEER_FROM = 1_000_000;

/**
 * Measures each consumer at each size, smallest size first.
 *
 * @param bench The runner.
 * @param server The SSE server.
 * @param sizes The stream sizes (content deltas).
 * @param consumers The consumers, baseline first.
 * @returns The measurements.
 */
export async function measureThroughput(
  bench: BenchContext,
  server: SseServer,
  sizes: readonly number[],
  consumers: readonly ConsumerName[],
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  const ordered = [...sizes].sort((a, b) => a - b);
  for (const [index, events] of ordered.entries()) {
    const url = server.baseUrl(events);
    const smaller = ordered[index - 1];
    const predictedMs = (consumer: ConsumerName) => {
      const before = smaller === undefined ? undefined : summaryOf(measurements, 'stream', consumer, smaller);
      return before === undefined || smaller === undefined || events < SLOW_PEER_FROM ? 0 : (before.ms * events) / smaller;
    };
    const slow = new Set(consumers.filter((consumer) => predictedMs(consumer) > SLOW_PEER_MS));
    for (let rep = 0; rep < bench.reps; rep++) {
      for (const consumer of rotated(consumers, rep)) {
        if (rep > 0 && slow.has(consumer)) continue;
        measurements.push(await bench.measure({ mode: 'stream', consumer, url, events, bodyBytes: server.bodyBytes(events) }));
      }
    }
  }
  return measurements;
}

/**
 * The null-consumer rule at one size.
 *
 * @param measurements The throughput measurements.
 * @param events The size.
 * @param consumers The consumers measured.
 * @returns The null consumer against the fastest real consumer.
 */
export const sizeHeadroom = (measurements: readonly Measurement[], events: number, consumers: readonly ConsumerName[]): Headroom =>
  headroom(measurements, { mode: 'stream', events }, events + V2_OTHER_EVENTS, NULL_CONSUMER, consumers);

/**
 * The null-consumer check of every size.
 *
 * @param measurements The throughput measurements.
 * @param sizes The sizes, in table order.
 * @param consumers The consumers measured.
 * @returns A Markdown table.
 */
export const throughputHeadroomTable = (measurements: readonly Measurement[], sizes: readonly number[], consumers: readonly ConsumerName[]): string =>
  headroomTable(sizes.map((events) => ({ setting: `${int(events)} deltas`, headroom: sizeHeadroom(measurements, events, consumers) })));

/**
 * The throughput table: per size and consumer, medians and ratios to baseline-raw at that size;
 * a server-bound size is marked in its first column.
 *
 * @param measurements The throughput measurements.
 * @param sizes The sizes, in table order.
 * @param consumers The consumers, in table order.
 * @returns A Markdown table.
 */
export function throughputTable(measurements: readonly Measurement[], sizes: readonly number[], consumers: readonly ConsumerName[]): string {
  const rows: string[][] = [];
  for (const events of sizes) {
    const raw = summaryOf(measurements, 'stream', 'baseline-raw', events);
    const size = sizeHeadroom(measurements, events, consumers).serverBound ? `${int(events)} (${SERVER_BOUND})` : int(events);
    for (const consumer of consumers) {
      const s = summaryOf(measurements, 'stream', consumer, events);
      if (s === undefined) continue;
      rows.push([
        size,
        consumer,
        String(s.runs),
        int(s.ms),
        span(s.minMs, s.maxMs),
        int(eventsPerSecond(events + V2_OTHER_EVENTS, s.ms)),
        times(raw === undefined ? NaN : raw.ms / s.ms),
        times(raw === undefined ? NaN : s.cpuMs / raw.cpuMs),
        fixed((s.ms * 1000) / (events + V2_OTHER_EVENTS), 2),
        int(s.processMs),
        int(s.importMs),
        int(s.peakHeapMb),
        int(s.peakRssMb),
      ]);
    }
  }
  return table(
    [
      'deltas',
      'consumer',
      'runs',
      'ms (median)',
      'min–max ms',
      'events/s',
      'events/s ÷ raw',
      'CPU × raw',
      'µs/event',
      'process ms',
      'import ms',
      'peak heap MB',
      'peak RSS MB',
    ],
    rows,
    2,
  );
}

/**
 * The memory table at one size: peak RSS and heap of each consumer against baseline-raw's.
 *
 * @param measurements The throughput measurements.
 * @param events The size.
 * @param consumers The consumers, in table order.
 * @returns A Markdown table.
 */
export function memoryTable(measurements: readonly Measurement[], events: number, consumers: readonly ConsumerName[]): string {
  const raw = summaryOf(measurements, 'stream', 'baseline-raw', events);
  const rows = consumers.flatMap((consumer) => {
    const s = summaryOf(measurements, 'stream', consumer, events);
    if (s === undefined) return [];
    return [
      [
        consumer,
        String(s.runs),
        int(s.peakRssMb),
        span(s.minRssMb, s.maxRssMb),
        times(raw === undefined ? NaN : s.peakRssMb / raw.peakRssMb),
        int(s.peakHeapMb),
        times(raw === undefined ? NaN : s.peakHeapMb / raw.peakHeapMb),
      ],
    ];
  });
  return table(['consumer', 'runs', 'peak RSS MB (median)', 'min–max MB', 'RSS × raw', 'peak heap MB', 'heap × raw'], rows);
}

/** A line per consumer over the sizes: `figure` of its summary at each size, `NaN` where it did not run. */
function perConsumer(
  measurements: readonly Measurement[],
  sizes: readonly number[],
  consumers: readonly ConsumerName[],
  figure: (summary: Summary, events: number) => number,
) {
  return consumers.map((consumer) => ({
    name: consumer,
    color: COLORS[consumer as (typeof HTTP_CONSUMERS)[number]],
    dashed: DRAINS.includes(consumer),
    values: sizes.map((events) => {
      const summary = summaryOf(measurements, 'stream', consumer, events);
      return summary === undefined ? NaN : figure(summary, events);
    }),
  }));
}

/**
 * The throughput chart: events/s by size, one line per real consumer (the drains, off the
 * scale, are in the tables), server-bound sizes marked.
 *
 * @param measurements The throughput measurements.
 * @param sizes The sizes.
 * @param consumers The consumers measured.
 * @returns An SVG document.
 */
export function throughputChart(measurements: readonly Measurement[], sizes: readonly number[], consumers: readonly ConsumerName[]): string {
  return lineChart({
    title: 'Throughput: events/s by stream size (median)',
    xLabel: 'content deltas per stream (log scale)',
    yLabel: 'events/s',
    x: sizes,
    series: perConsumer(
      measurements,
      sizes,
      consumers.filter((consumer) => !DRAINS.includes(consumer)),
      (s, events) => eventsPerSecond(events + V2_OTHER_EVENTS, s.ms),
    ),
    marks: sizes.filter((events) => sizeHeadroom(measurements, events, consumers).serverBound).map((x) => ({ x, label: 'server-bound' })),
  });
}

/**
 * The memory chart: peak RSS by size, one line per consumer (the drains dashed).
 *
 * @param measurements The throughput measurements.
 * @param sizes The sizes.
 * @param consumers The consumers measured.
 * @returns An SVG document.
 */
export function memoryChart(measurements: readonly Measurement[], sizes: readonly number[], consumers: readonly ConsumerName[]): string {
  return lineChart({
    title: 'Memory: peak RSS by stream size (median)',
    xLabel: 'content deltas per stream (log scale)',
    yLabel: 'peak RSS, MB',
    x: sizes,
    series: perConsumer(measurements, sizes, consumers, (s) => s.peakRssMb),
  });
}
