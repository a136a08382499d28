/**
 * The measurement process: runs one consumer as a {@link Job} says (the job is the JSON in the
 * first argument), checks every text it returned against the expected one (a null consumer's
 * byte count against the body's length), and prints a {@link Report} as one JSON line. A wrong
 * result or a failure prints `{"error": …}` and exits 1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Consume, Consumed } from '../consumers/consumer';
import type { Job, Report } from './jobs';
import { expectedText } from '../data/tokens';
import { median } from './stats';

/** A `warm` job's calls: untimed warm-up calls (the first is the process's cold call), then timed pairs. */
const WARM_CALLS = { warmUp: 10, timed: 15 } as const;

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
async function firstTokenCall(consume: Consume, url: string): Promise<{ result: Consumed; firstMs: number; ms: number }> {
  const start = performance.now();
  let firstMs = NaN;
  const result = await consume(url, () => (firstMs = performance.now() - start));
  return { result, firstMs, ms: performance.now() - start };
}

/** A `warm` job's calls: warm-up, then calls timed to the end alternating with calls timed to the first token. */
async function warmCalls(consume: Consume, url: string, pauseUrl: string): Promise<{ results: Consumed[]; warm: Report['warm'] }> {
  const results: Consumed[] = [];
  for (let call = 0; call < WARM_CALLS.warmUp; call++) results.push(await consume(call % 2 === 0 ? url : pauseUrl));
  const ms: number[] = [];
  const firstTokenMs: number[] = [];
  for (let call = 0; call < WARM_CALLS.timed; call++) {
    const whole = await firstTokenCall(consume, url);
    const first = await firstTokenCall(consume, pauseUrl);
    results.push(whole.result, first.result);
    ms.push(whole.ms);
    firstTokenMs.push(first.firstMs);
  }
  return { results, warm: { ms: median(ms), firstTokenMs: median(firstTokenMs) } };
}

/** Runs the job's timed window: what the consumer returned, and the extra figures of `first-token` and `warm` jobs. */
async function run(job: Job, consume: Consume): Promise<{ results: Consumed[]; firstToken?: Report['firstToken']; warm?: Report['warm'] }> {
  switch (job.mode) {
    case 'stream':
      return { results: [await consume(job.url)] };
    case 'concurrent':
      return { results: await Promise.all(Array.from({ length: job.streams ?? 1 }, () => consume(job.url))) };
    case 'first-token': {
      const cold = await firstTokenCall(consume, job.url);
      const warm = await firstTokenCall(consume, job.url);
      return { results: [cold.result, warm.result], firstToken: { coldMs: cold.firstMs, warmMs: warm.firstMs, coldStreamMs: cold.ms } };
    }
    case 'warm':
      return warmCalls(consume, job.url, job.pauseUrl ?? job.url);
  }
}

/** Where two texts first differ, for the error message. */
function firstDifference(expected: string, actual: string): string {
  let at = 0;
  while (at < expected.length && expected[at] === actual[at]) at++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
  return `${actual.length} characters instead of ${expected.length}, first difference at ${at}: expected …${excerpt(expected)}…, got …${excerpt(actual)}…`;
}

/** What is wrong with a result: `undefined` when it is the expected text or, from a null consumer, the body's length. */
function wrongness(result: Consumed, job: Job, expected: () => string): string | undefined {
  if (typeof result !== 'string') return result.bytes === job.bodyBytes ? undefined : `read ${result.bytes} bytes of a ${job.bodyBytes}-byte body`;
  const text = expected();
  return result === text ? undefined : `returned the wrong text: ${firstDifference(text, result)}`;
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
  const { results, firstToken, warm } = await run(job, consume);
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
    ...(warm === undefined ? {} : { warm }),
  };

  let text: string | undefined;
  const expected = () => (text ??= expectedText(job.events));
  for (const [call, result] of results.entries()) {
    const wrong = wrongness(result, job, expected);
    if (wrong !== undefined) throw new Error(`${job.consumer} ${wrong} (call ${call + 1} of ${results.length})`);
  }
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
