/**
 * The null-consumer rule, in one place: a stream setting (a size, a concurrency shape) is
 * reported only when its null consumer, which only drains the body's bytes, ran at least
 * {@link MIN_HEADROOM}× faster than the fastest real consumer in the same run. Otherwise the
 * server (or the request itself) set the pace, not the consumers, and the setting's ratios say
 * nothing about them: they are printed, marked {@link SERVER_BOUND}, and left out of the targets.
 */
import { summaryOf } from './bench-context';
import type { Measurement } from './child';
import { DRAINS, type ConsumerName, type Job } from './jobs';
import { int, table, times } from './markdown';

/** How much faster the null consumer must be than the fastest real consumer. */
export const MIN_HEADROOM = 3;

/** How a setting whose null consumer was not fast enough is marked. */
export const SERVER_BOUND = 'server-bound: not reported';

/** The null consumer against the fastest real consumer (not a drain), in one setting. */
export interface Headroom {
  readonly nullConsumer: ConsumerName;
  /** The null consumer's events/s, `NaN` when it was not measured. */
  readonly nullEventsPerSecond: number;
  /** The fastest real consumer, `undefined` when none was measured. */
  readonly fastest: ConsumerName | undefined;
  readonly fastestEventsPerSecond: number;
  /** The null consumer's events/s over the fastest real consumer's. */
  readonly ratio: number;
  /** Whether the setting is left out: the null consumer was not measured or not {@link MIN_HEADROOM}× faster. */
  readonly serverBound: boolean;
}

/**
 * Applies the rule to one setting.
 *
 * @param measurements Every measurement of the run.
 * @param setting The mode and size of the setting's jobs.
 * @param events How many events one job reads in all (every stream's, every kind), for events/s.
 * @param nullConsumer The setting's null consumer.
 * @param consumers The consumers measured in the setting (the drains among them are not real consumers).
 * @returns The null consumer against the fastest of them.
 */
export function headroom(
  measurements: readonly Measurement[],
  setting: { readonly mode: Job['mode']; readonly events: number },
  events: number,
  nullConsumer: ConsumerName,
  consumers: readonly ConsumerName[],
): Headroom {
  const rate = (consumer: ConsumerName) => {
    const summary = summaryOf(measurements, setting.mode, consumer, setting.events);
    return summary === undefined ? NaN : events / (summary.ms / 1000);
  };
  let fastest: ConsumerName | undefined;
  let fastestEventsPerSecond = NaN;
  for (const consumer of consumers) {
    const eps = rate(consumer);
    if (DRAINS.includes(consumer) || Number.isNaN(eps)) continue;
    if (fastest === undefined || eps > fastestEventsPerSecond) {
      fastest = consumer;
      fastestEventsPerSecond = eps;
    }
  }
  const nullEventsPerSecond = rate(nullConsumer);
  const ratio = nullEventsPerSecond / fastestEventsPerSecond;
  return { nullConsumer, nullEventsPerSecond, fastest, fastestEventsPerSecond, ratio, serverBound: !(ratio >= MIN_HEADROOM) };
}

/**
 * The table of the rule's verdicts, one row per setting.
 *
 * @param rows Each setting's label and verdict.
 * @returns A Markdown table.
 */
export function headroomTable(rows: readonly { readonly setting: string; readonly headroom: Headroom }[]): string {
  return table(
    ['stream', 'verdict', 'null consumer', 'fastest consumer', 'null events/s', 'fastest events/s', 'null ÷ fastest'],
    rows.map(({ setting, headroom: h }) => [
      setting,
      h.serverBound ? SERVER_BOUND : 'reported',
      h.nullConsumer,
      h.fastest ?? '–',
      int(h.nullEventsPerSecond),
      int(h.fastestEventsPerSecond),
      times(h.ratio),
    ]),
    4,
  );
}
