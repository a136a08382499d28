/** What every section of the benchmark shares: how it measures, how often, and how it picks results. */
import type { Measurement } from './child';
import type { ConsumerName, Job } from './jobs';
import { summarize, type Summary } from './stats';

/** The runner as the sections see it. */
export interface BenchContext {
  /** How many interleaved repetitions of each measurement. */
  readonly reps: number;
  /**
   * Measures `job` in a fresh process, records it and reports progress.
   *
   * @throws Error when the process fails or returns a wrong text.
   */
  measure(job: Job): Promise<Measurement>;
  /** Reports progress (to stderr). */
  progress(line: string): void;
}

/**
 * The consumers in the order of repetition `rep`: rotated by `rep`, so no consumer always runs
 * first or right after the same one.
 *
 * @param consumers The consumers.
 * @param rep The repetition, from 0.
 * @returns The rotated list.
 */
export function rotated<T>(consumers: readonly T[], rep: number): T[] {
  const by = rep % Math.max(1, consumers.length);
  return [...consumers.slice(by), ...consumers.slice(0, by)];
}

/**
 * The summary of one consumer's measurements in one mode and size.
 *
 * @param measurements All measurements.
 * @param mode The job mode.
 * @param consumer The consumer.
 * @param events The stream size.
 * @returns The summary, or `undefined` if there is no such measurement.
 */
export function summaryOf(measurements: readonly Measurement[], mode: Job['mode'], consumer: ConsumerName, events: number): Summary | undefined {
  const matching = measurements.filter(({ job }) => job.mode === mode && job.consumer === consumer && job.events === events);
  return matching.length === 0 ? undefined : summarize(matching);
}

/**
 * Events per second: all the stream's events over a wall time.
 *
 * @param events The number of events, deltas and the others.
 * @param ms The wall time.
 * @returns Events per second.
 */
export const eventsPerSecond = (events: number, ms: number): number => events / (ms / 1000);
