/**
 * The measurement process: runs one consumer as a {@link Job} says (the job is the JSON in the
 * first argument), checks every text it returned against the expected one, and prints a
 * {@link Report} as one JSON line. A wrong text or a failure prints `{"error": …}` and exits 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Consume } from '../consumers/consumer';
import type { Job, Report } from './jobs';
import { expectedText } from '../data/tokens';

const MB = 1024 * 1024;

/** `VmHWM` (peak resident set) from `/proc/self/status`, in MB: unlike `resourceUsage().maxRSS`, it is this process's own. */
function peakRssMb(): number {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? NaN : Number(match[1]) / 1024;
}

/** Samples the used heap every 50 ms until stopped; returns the peak, in MB. */
function sampleHeap(): () => number {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 50);
  return () => {
    clearInterval(timer);
    sample();
    return peak / MB;
  };
}

/** One call, timed to its first token and to its end. */
async function firstTokenCall(consume: Consume, url: string): Promise<{ text: string; firstMs: number; ms: number }> {
  const start = performance.now();
  let firstMs = NaN;
  const text = await consume(url, () => (firstMs = performance.now() - start));
  return { text, firstMs, ms: performance.now() - start };
}

/** Runs the job's timed window: the texts returned, and the extra figures of `first-token` jobs. */
async function run(job: Job, consume: Consume): Promise<{ texts: string[]; firstToken?: Report['firstToken'] }> {
  switch (job.mode) {
    case 'stream':
      return { texts: [await consume(job.url)] };
    case 'concurrent':
      return { texts: await Promise.all(Array.from({ length: job.streams ?? 1 }, () => consume(job.url))) };
    case 'first-token': {
      const cold = await firstTokenCall(consume, job.url);
      const warm = await firstTokenCall(consume, job.url);
      return { texts: [cold.text, warm.text], firstToken: { coldMs: cold.firstMs, warmMs: warm.firstMs, coldStreamMs: cold.ms } };
    }
  }
}

/** Where two texts first differ, for the error message. */
function firstDifference(expected: string, actual: string): string {
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return `${actual.length} characters instead of ${expected.length}, first difference at ${at}: expected …${excerpt(expected)}…, got …${excerpt(actual)}…`;
}

async function main(): Promise<Report> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  const importStart = performance.now();
  // The consumer is a bundle chosen at run time: only `require` can load it and be timed here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { consume } = require(join(__dirname, '..', 'consumers', `${job.consumer}.js`)) as { consume: Consume };
  const importMs = performance.now() - importStart;

  const stopHeap = sampleHeap();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { texts, firstToken } = await run(job, consume);
  const ms = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  const peakHeapMb = stopHeap();
  const report: Report = {
    importMs,
    ms,
    cpuMs: (user + system) / 1000,
    peakRssMb: peakRssMb(),
    peakHeapMb,
    ...(firstToken === undefined ? {} : { firstToken }),
  };

  const expected = expectedText(job.events);
  const wrong = texts.findIndex((text) => text !== expected);
  if (wrong !== -1)
    throw new Error(`${job.consumer} returned the wrong text (call ${wrong + 1} of ${texts.length}): ${firstDifference(expected, texts[wrong] ?? '')}`);
  return report;
}

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0)),
  (error: unknown) => {
    const message =
      error instanceof Error ? `${error.name}: ${error.message}${error.cause === undefined ? '' : ` (cause: ${String(error.cause)})`}` : String(error);
    process.stdout.write(`${JSON.stringify({ error: message })}\n`, () => process.exit(1));
  },
);
