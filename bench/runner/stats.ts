/** Medians and ranges of repeated measurements. */
import type { Measurement } from './child';

/**
 * The median of `values` (the mean of the middle two for an even count).
 *
 * @param values The values; at least one.
 * @returns Their median, or `NaN` for none.
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] ?? NaN;
  return ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** The medians (and the wall-time range) of the measurements of one consumer in one setting. */
export interface Summary {
  readonly runs: number;
  readonly ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly cpuMs: number;
  readonly processMs: number;
  readonly importMs: number;
  readonly peakRssMb: number;
  readonly minRssMb: number;
  readonly maxRssMb: number;
  readonly peakHeapMb: number;
}

/**
 * Summarizes the measurements of one consumer in one setting.
 *
 * @param measurements Its measurements; at least one.
 * @returns Medians of every figure, and the range of wall times and peak RSS.
 */
export function summarize(measurements: readonly Measurement[]): Summary {
  const of = (pick: (measurement: Measurement) => number) => measurements.map(pick);
  const ms = of((m) => m.report.ms);
  const rss = of((m) => m.report.peakRssMb);
  return {
    runs: measurements.length,
    ms: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    cpuMs: median(of((m) => m.report.cpuMs)),
    processMs: median(of((m) => m.processMs)),
    importMs: median(of((m) => m.report.importMs)),
    peakRssMb: median(rss),
    minRssMb: Math.min(...rss),
    maxRssMb: Math.max(...rss),
    peakHeapMb: median(of((m) => m.report.peakHeapMb)),
  };
}
