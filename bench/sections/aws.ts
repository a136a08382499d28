/**
 * AWS: the cohere-rx Bedrock and SageMaker pipelines against a bare loop over the same AWS SDK
 * client's event iterator, on the loopback event-stream servers.
 */
import type { AwsServers } from '../servers/aws-server';
import { eventsPerSecond, rotated, summaryOf, type BenchContext } from '../runner/bench-context';
import type { Measurement } from '../runner/child';
import { AWS_OTHER_EVENTS } from '../data/stream-events';
import type { ConsumerName } from '../runner/jobs';
import { int, span, table, times } from '../runner/markdown';

/** Each service's consumers: the bare SDK loop first, then the pipeline. */
export const AWS_PAIRS = [
  { service: 'Bedrock', bare: 'bedrock-bare', pipeline: 'bedrock-pipeline' },
  { service: 'SageMaker', bare: 'sagemaker-bare', pipeline: 'sagemaker-pipeline' },
] as const satisfies readonly { service: string; bare: ConsumerName; pipeline: ConsumerName }[];

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
    const jobs = AWS_PAIRS.flatMap(({ service, bare, pipeline }) =>
      [bare, pipeline].filter((consumer) => consumers.includes(consumer)).map((consumer) => ({ consumer, url: urls[service] ?? '' })),
    );
    for (let rep = 0; rep < bench.reps; rep++) {
      for (const { consumer, url } of rotated(jobs, rep)) measurements.push(await bench.measure({ mode: 'stream', consumer, url, events }));
    }
  }
  return measurements;
}

/**
 * The AWS table: per service and size, each consumer against the service's bare SDK loop.
 *
 * @param measurements The AWS measurements.
 * @param sizes The sizes, in table order.
 * @returns A Markdown table.
 */
export function awsTable(measurements: readonly Measurement[], sizes: readonly number[]): string {
  const rows: string[][] = [];
  for (const { service, bare, pipeline } of AWS_PAIRS) {
    for (const events of sizes) {
      const base = summaryOf(measurements, 'stream', bare, events);
      for (const consumer of [bare, pipeline]) {
        const s = summaryOf(measurements, 'stream', consumer, events);
        if (s === undefined) continue;
        rows.push([
          service,
          int(events),
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
