/**
 * The targets the library is measured against, read from one run's measurements: cohere-rx's
 * full pipeline (`chatStream` + `accumulateChat()`) against baseline-raw, and the AWS pipelines
 * against the bare SDK loops.
 */
import { AWS_PAIRS } from './aws';
import { summaryOf } from '../runner/bench-context';
import type { Measurement } from '../runner/child';
import { firstTokenMedians } from './first-token';
import { delta, table, times } from '../runner/markdown';

/** One target: what it asks, what this run measured, and whether that meets it. */
interface Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** The ratio `a / b` of two optional figures. */
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? NaN : a / b);

/** The verdict on a ratio or difference: `undefined` when it was not measured. */
const verdict = (value: number, ok: (value: number) => boolean) => (Number.isNaN(value) ? undefined : ok(value));

/**
 * The targets table.
 *
 * @param measurements Every measurement of the run.
 * @param sizes The throughput sizes measured.
 * @param awsSizes The AWS sizes measured.
 * @returns A Markdown table, or `undefined` when the run measured none of the targets.
 */
export function targetsTable(measurements: readonly Measurement[], sizes: readonly number[], awsSizes: readonly number[]): string | undefined {
  const targets: Target[] = [];
  const full = 'accumulate-chat';
  for (const events of [100_000, 1_000_000].filter((size) => sizes.includes(size))) {
    const speed = ratio(summaryOf(measurements, 'stream', 'baseline-raw', events)?.ms, summaryOf(measurements, 'stream', full, events)?.ms);
    targets.push({
      target: `${full} events/s at ${events.toLocaleString('en-US')} deltas ≥ 0.8× baseline-raw`,
      measured: times(speed),
      met: verdict(speed, (v) => v >= 0.8),
    });
  }
  if (sizes.includes(1_000_000)) {
    const rss = ratio(summaryOf(measurements, 'stream', full, 1_000_000)?.peakRssMb, summaryOf(measurements, 'stream', 'baseline-raw', 1_000_000)?.peakRssMb);
    targets.push({ target: `${full} peak RSS at 1,000,000 deltas ≤ 1.2× baseline-raw`, measured: times(rss), met: verdict(rss, (v) => v <= 1.2) });
  }
  const ours = firstTokenMedians(measurements, full);
  const raw = firstTokenMedians(measurements, 'baseline-raw');
  if (ours !== undefined && raw !== undefined) {
    const gap = ours.warmMs - raw.warmMs;
    targets.push({ target: `${full} warm first-token latency within 2 ms of baseline-raw`, measured: `${delta(gap)} ms`, met: verdict(gap, (v) => v <= 2) });
  }
  for (const { bare, pipeline } of AWS_PAIRS) {
    for (const events of awsSizes) {
      const speed = ratio(summaryOf(measurements, 'stream', bare, events)?.ms, summaryOf(measurements, 'stream', pipeline, events)?.ms);
      if (!Number.isNaN(speed))
        targets.push({ target: `${pipeline} events/s at ${events.toLocaleString('en-US')} deltas ≥ 0.8× ${bare}`, measured: times(speed), met: speed >= 0.8 });
    }
  }
  if (targets.length === 0) return undefined;
  return table(
    ['target', 'measured', 'met'],
    targets.map(({ target, measured, met }) => [target, measured, met === undefined ? 'not measured' : met ? 'yes' : 'no']),
  );
}
