/**
 * AWS: the cohere-rx Bedrock and SageMaker pipelines against a bare loop over the same AWS SDK
 * client's event iterator, on the loopback event-stream servers. The bare loop is the baseline,
 * not the null consumer: it decodes the event stream with the SDK, which every consumer of the
 * service must do. Each service's null consumer drains the same response without the SDK, and
 * decides whether a size is reported (see `runner/headroom.ts`).
 */
import type { AwsServers } from '../servers/aws-server';
import { eventsPerSecond, rotated, summaryOf, type BenchContext } from '../runner/bench-context';
import { barChart } from '../runner/charts';
import type { Measurement } from '../runner/child';
import { AWS_OTHER_EVENTS } from '../data/stream-events';
import { headroom, headroomTable, SERVER_BOUND, type Headroom } from '../runner/headroom';
import type { ConsumerName } from '../runner/jobs';
import { int, span, table, times } from '../runner/markdown';

/** Each service's consumers: its null consumer, the bare SDK loop, then the pipeline. */
export const AWS_PAIRS = [
  { service: 'Bedrock', drain: 'bedrock-null-drain', bare: 'bedrock-bare', pipeline: 'bedrock-pipeline' },
  { service: 'SageMaker', drain: 'sagemaker-null-drain', bare: 'sagemaker-bare', pipeline: 'sagemaker-pipeline' },
] as const satisfies readonly { service: string; drain: ConsumerName; bare: ConsumerName; pipeline: ConsumerName }[];

/** One service of {@link AWS_PAIRS}. */
type AwsPair = (typeof AWS_PAIRS)[number];

/**
 * Measures both services' consumers at each size, interleaved.
 *
 * @param bench The runner.
 * @param servers The AWS servers.
 * @param sizes The stream sizes (text deltas).
 * @param consumers The AWS consumers to run.
 * @returns The measurements.
 */
export async function measureAws(
  bench: BenchContext,
  servers: AwsServers,
  sizes: readonly number[],
  consumers: readonly ConsumerName[],
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const events of sizes) {
    const urls: Readonly<Record<string, string>> = { Bedrock: servers.bedrockUrl(events), SageMaker: servers.sagemakerUrl(events) };
    const jobs = AWS_PAIRS.flatMap(({ service, drain, bare, pipeline }) =>
      [drain, bare, pipeline].filter((consumer) => consumers.includes(consumer)).map((consumer) => ({ consumer, url: urls[service] ?? '' })),
    );
    for (let rep = 0; rep < bench.reps; rep++) {
      for (const { consumer, url } of rotated(jobs, rep))
        measurements.push(await bench.measure({ mode: 'stream', consumer, url, events, bodyBytes: servers.bodyBytes(url) }));
    }
  }
  return measurements;
}

/**
 * The null-consumer rule for one service at one size.
 *
 * @param measurements The AWS measurements.
 * @param pair The service.
 * @param events The size.
 * @returns The service's null consumer against the faster of its bare loop and pipeline.
 */
export const awsHeadroom = (measurements: readonly Measurement[], pair: AwsPair, events: number): Headroom =>
  headroom(measurements, { mode: 'stream', events }, events + AWS_OTHER_EVENTS, pair.drain, [pair.bare, pair.pipeline]);

/**
 * The null-consumer check of every service and size.
 *
 * @param measurements The AWS measurements.
 * @param sizes The sizes, in table order.
 * @returns A Markdown table.
 */
export const awsHeadroomTable = (measurements: readonly Measurement[], sizes: readonly number[]): string =>
  headroomTable(
    AWS_PAIRS.flatMap((pair) =>
      sizes.map((events) => ({ setting: `${pair.service}, ${int(events)} deltas`, headroom: awsHeadroom(measurements, pair, events) })),
    ),
  );

/**
 * The AWS table: per service and size, each consumer against the service's bare SDK loop; a
 * server-bound size is marked in its second column.
 *
 * @param measurements The AWS measurements.
 * @param sizes The sizes, in table order.
 * @returns A Markdown table.
 */
export function awsTable(measurements: readonly Measurement[], sizes: readonly number[]): string {
  const rows: string[][] = [];
  for (const pair of AWS_PAIRS) {
    for (const events of sizes) {
      const base = summaryOf(measurements, 'stream', pair.bare, events);
      const size = awsHeadroom(measurements, pair, events).serverBound ? `${int(events)} (${SERVER_BOUND})` : int(events);
      for (const consumer of [pair.drain, pair.bare, pair.pipeline]) {
        const s = summaryOf(measurements, 'stream', consumer, events);
        if (s === undefined) continue;
        rows.push([
          pair.service,
          size,
          consumer,
          String(s.runs),
          int(s.ms),
          span(s.minMs, s.maxMs),
          int(eventsPerSecond(events + AWS_OTHER_EVENTS, s.ms)),
          times(base === undefined ? NaN : base.ms / s.ms),
          times(base === undefined ? NaN : s.cpuMs / base.cpuMs),
          int(s.importMs),
          int(s.peakRssMb),
        ]);
      }
    }
  }
  return table(
    ['service', 'deltas', 'consumer', 'runs', 'ms (median)', 'min–max ms', 'events/s', 'events/s ÷ bare', 'CPU × bare', 'import ms', 'peak RSS MB'],
    rows,
    3,
  );
}

/**
 * The AWS chart: events/s of the bare SDK loop and of the pipeline, per service and size.
 *
 * @param measurements The AWS measurements.
 * @param sizes The sizes.
 * @returns An SVG document.
 */
export function awsChart(measurements: readonly Measurement[], sizes: readonly number[]): string {
  const settings = AWS_PAIRS.flatMap((pair) => sizes.map((events) => ({ pair, events })));
  const rate = (consumer: ConsumerName, events: number) => {
    const s = summaryOf(measurements, 'stream', consumer, events);
    return s === undefined ? NaN : eventsPerSecond(events + AWS_OTHER_EVENTS, s.ms);
  };
  return barChart({
    title: 'AWS: events/s of the pipeline and of a bare loop over the same SDK client (median)',
    valueLabel: 'events/s',
    categories: settings.map(
      ({ pair, events }) => `${pair.service}, ${int(events)}${awsHeadroom(measurements, pair, events).serverBound ? ' (server-bound)' : ''}`,
    ),
    series: [
      { name: 'bare SDK loop', values: settings.map(({ pair, events }) => rate(pair.bare, events)) },
      { name: 'cohere-rx pipeline', values: settings.map(({ pair, events }) => rate(pair.pipeline, events)) },
    ],
  });
}
