/**
 * The targets the library is measured against, read from one run: each a ratio to (or a
 * difference from) baseline-raw in the same run, or for AWS to the bare SDK loop, or for the
 * cold start a time. A throughput, concurrency or AWS figure of a server-bound setting (see
 * `runner/headroom.ts`) is shown but not judged.
 */
import { AWS_PAIRS, awsHeadroom } from './aws';
import { summaryOf } from '../runner/bench-context';
import type { Measurement } from '../runner/child';
import { coldStartMedians, OWN_SHARE, type ColdStart } from './cold-start';
import { concurrencyHeadroom, type ConcurrencyShape } from './concurrency';
import { firstTokenMedians } from './first-token';
import { SERVER_BOUND } from '../runner/headroom';
import type { ConsumerName } from '../runner/jobs';
import { delta, fixed, int, table, times } from '../runner/markdown';
import { sizeHeadroom } from './throughput';
import { warmMedians } from './small-streams';

/** What a run measured, as the targets read it. */
export interface RunFigures {
  readonly measurements: readonly Measurement[];
  /** The throughput sizes and consumers, when the throughput or memory section ran. */
  readonly throughput?: { readonly sizes: readonly number[]; readonly consumers: readonly ConsumerName[] };
  /** The concurrency shape and consumers, when the section ran. */
  readonly concurrency?: { readonly shape: ConcurrencyShape; readonly consumers: readonly ConsumerName[] };
  /** The AWS sizes, when the section ran. */
  readonly awsSizes?: readonly number[];
  readonly coldStart?: ColdStart;
}

/** One target: its section, what it asks, what this run measured, and the verdict. */
interface Target {
  readonly section: string;
  readonly target: string;
  readonly measured: string;
  readonly verdict: 'yes' | 'no' | 'not measured' | typeof SERVER_BOUND;
}

/** The full pipeline, the consumer most targets are about. */
const FULL = 'accumulate-chat';

/** The sizes the throughput targets are set at. */
const TARGET_SIZES = [100_000, 1_000_000] as const;

/** The ratio `a / b` of two optional figures. */
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? NaN : a / b);

/** A target's verdict on a figure: not measured when it is `NaN`, not judged when its setting was server-bound. */
function judge(value: number, ok: (value: number) => boolean, serverBound = false): Target['verdict'] {
  if (Number.isNaN(value)) return 'not measured';
  if (serverBound) return SERVER_BOUND;
  return ok(value) ? 'yes' : 'no';
}

/** The throughput and memory targets. */
function throughputTargets({ measurements, throughput }: RunFigures): Target[] {
  const targets: Target[] = [];
  const sizes = throughput?.sizes ?? [];
  for (const [consumer, least] of [
    [FULL, 1],
    ['chat-snapshots', 0.9],
    ['text-deltas', 0.9],
  ] as const) {
    for (const events of TARGET_SIZES) {
      const measured = sizes.includes(events);
      const speed = measured
        ? ratio(summaryOf(measurements, 'stream', 'baseline-raw', events)?.ms, summaryOf(measurements, 'stream', consumer, events)?.ms)
        : NaN;
      const serverBound = measured && sizeHeadroom(measurements, events, throughput?.consumers ?? []).serverBound;
      targets.push({
        section: 'throughput',
        target: `${consumer} events/s at ${int(events)} deltas ≥ ${least.toFixed(1)}× baseline-raw`,
        measured: times(speed),
        verdict: judge(speed, (v) => v >= least, serverBound),
      });
    }
  }
  const largest = 1_000_000;
  const rss = sizes.includes(largest)
    ? ratio(summaryOf(measurements, 'stream', FULL, largest)?.peakRssMb, summaryOf(measurements, 'stream', 'baseline-raw', largest)?.peakRssMb)
    : NaN;
  targets.push({
    section: 'memory',
    target: `${FULL} peak RSS at ${int(largest)} deltas ≤ 1.0× baseline-raw`,
    measured: times(rss),
    verdict: judge(rss, (v) => v <= 1),
  });
  return targets;
}

/** The cold-start targets: cohere-rx's own share of loading the root entry, and the first request's first token. */
function coldStartTargets({ measurements, coldStart }: RunFigures): Target[] {
  const targets: Target[] = (['require', 'import'] as const).map((loader) => {
    const own = coldStart === undefined ? NaN : (coldStartMedians(coldStart, loader)?.shares.get(OWN_SHARE) ?? NaN);
    return {
      section: 'cold start',
      target: `cohere-rx's own share of loading the root entry with \`${loader}\` ≤ 5 ms`,
      measured: `${fixed(own)} ms`,
      verdict: judge(own, (v) => v <= 5),
    };
  });
  const ours = firstTokenMedians(measurements, FULL);
  const raw = firstTokenMedians(measurements, 'baseline-raw');
  const gap = ours === undefined || raw === undefined ? NaN : ours.coldMs - raw.coldMs;
  targets.push({
    section: 'cold start',
    target: `${FULL} first token of the first request in a fresh process within 10 ms of baseline-raw's`,
    measured: `${delta(gap)} ms`,
    verdict: judge(gap, (v) => v <= 10),
  });
  return targets;
}

/** The small-stream targets: a warm 1,000-delta request, and its first token. */
function smallStreamTargets({ measurements }: RunFigures): Target[] {
  const ours = warmMedians(measurements, FULL);
  const raw = warmMedians(measurements, 'baseline-raw');
  const time = ratio(ours?.ms, raw?.ms);
  const gap = ours === undefined || raw === undefined ? NaN : ours.firstTokenMs - raw.firstTokenMs;
  return [
    {
      section: 'small streams',
      target: `${FULL} warm 1,000-delta request ≤ 1.1× baseline-raw's time`,
      measured: times(time),
      verdict: judge(time, (v) => v <= 1.1),
    },
    {
      section: 'small streams',
      target: `${FULL} warm first token within 1 ms of baseline-raw's`,
      measured: `${delta(gap)} ms`,
      verdict: judge(gap, (v) => v <= 1),
    },
  ];
}

/** The concurrency targets: throughput and peak RSS of the full pipeline against baseline-raw's. */
function concurrencyTargets({ measurements, concurrency }: RunFigures): Target[] {
  const shape = concurrency?.shape;
  const of = (consumer: ConsumerName) => (shape === undefined ? undefined : summaryOf(measurements, 'concurrent', consumer, shape.events));
  const [ours, raw] = [of(FULL), of('baseline-raw')];
  const speed = ratio(raw?.ms, ours?.ms);
  const rss = ratio(ours?.peakRssMb, raw?.peakRssMb);
  const serverBound = concurrency !== undefined && concurrencyHeadroom(measurements, concurrency.shape, concurrency.consumers).serverBound;
  const setting = shape === undefined ? '' : ` (${int(shape.streams)} streams of ${int(shape.events)} deltas)`;
  return [
    {
      section: 'concurrency',
      target: `${FULL} events/s${setting} ≥ 1.0× baseline-raw`,
      measured: times(speed),
      verdict: judge(speed, (v) => v >= 1, serverBound),
    },
    { section: 'concurrency', target: `${FULL} peak RSS${setting} ≤ 1.0× baseline-raw`, measured: times(rss), verdict: judge(rss, (v) => v <= 1) },
  ];
}

/** The AWS targets: each pipeline against its service's bare SDK loop. */
function awsTargets({ measurements, awsSizes }: RunFigures): Target[] {
  const sizes = awsSizes === undefined || awsSizes.length === 0 ? [undefined] : awsSizes;
  return AWS_PAIRS.flatMap((pair) =>
    sizes.map((events) => {
      const speed =
        events === undefined
          ? NaN
          : ratio(summaryOf(measurements, 'stream', pair.bare, events)?.ms, summaryOf(measurements, 'stream', pair.pipeline, events)?.ms);
      const serverBound = events !== undefined && awsHeadroom(measurements, pair, events).serverBound;
      return {
        section: 'AWS',
        target: `${pair.pipeline} events/s${events === undefined ? '' : ` at ${int(events)} deltas`} ≥ 0.95× ${pair.bare}`,
        measured: times(speed),
        verdict: judge(speed, (v) => v >= 0.95, serverBound),
      };
    }),
  );
}

/**
 * The targets table: every target of the library, measured or not.
 *
 * @param figures What the run measured.
 * @returns A Markdown table.
 */
export function targetsTable(figures: RunFigures): string {
  const targets = [
    ...throughputTargets(figures),
    ...coldStartTargets(figures),
    ...smallStreamTargets(figures),
    ...concurrencyTargets(figures),
    ...awsTargets(figures),
  ];
  return table(
    ['section', 'target', 'measured', 'met'],
    targets.map(({ section, target, measured, verdict }) => [section, target, measured, verdict]),
    2,
  );
}
