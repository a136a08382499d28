/** Runs one measurement process and collects its report (runner side). */
import { spawn } from 'node:child_process';
import type { Job, Report } from './jobs';

/** A measurement: the job, the process's report, and spawn-to-exit time. */
export interface Measurement {
  readonly job: Job;
  readonly report: Report;
  /** Spawn to exit of the process: Node boot, imports, the window, the text check and exit. */
  readonly processMs: number;
}

/** How long one measurement process may run before the run fails. */
const PROCESS_LIMIT_MS = 10 * 60_000;

/**
 * Runs `job` in a fresh Node process.
 *
 * @param script The built measurement script.
 * @param job What to measure.
 * @returns The measurement.
 * @throws Error when the process fails, returns a wrong text, or runs too long.
 */
export function measure(script: string, job: Job): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [script, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => (stdout += part));
    child.stderr.setEncoding('utf8').on('data', (part: string) => (stderr += part));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const processMs = performance.now() - start;
      const what = `${job.consumer} (${job.mode}, ${job.events} events)`;
      const last = stdout.trim().split('\n').pop() ?? '';
      let answer: (Report & { error?: undefined }) | { error: string } | undefined;
      try {
        answer = JSON.parse(last) as typeof answer;
      } catch {
        answer = undefined;
      }
      if (answer === undefined || code !== 0 || answer.error !== undefined) {
        const reason = answer?.error ?? (signal === null ? `exit code ${code}` : `killed by ${signal}`);
        reject(new Error(`${what} failed: ${reason}${stderr.trim() === '' ? '' : `\n${stderr.trim()}`}`));
        return;
      }
      resolve({ job, report: answer, processMs });
    });
  });
}
