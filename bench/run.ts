/**
 * `npm run bench`: builds the package and the measurement scripts, starts the loopback servers in
 * this process, runs every measurement in its own Node process (interleaved repetitions, rotating
 * order), prints Markdown tables and writes the raw results as JSON. Exits 1 if any consumer
 * fails or returns a wrong text. Options: see {@link USAGE}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { measureAws, awsTable } from './sections/aws';
import { startAwsServers, type AwsServers } from './servers/aws-server';
import type { BenchContext } from './runner/bench-context';
import { buildBench, ROOT } from './runner/build';
import { measure, type Measurement } from './runner/child';
import { concurrencyTable, measureConcurrency } from './sections/concurrency';
import { FIRST_TOKEN_STREAM, firstTokenTable, measureFirstToken } from './sections/first-token';
import { fixed, int } from './runner/markdown';
import { parseOptions, USAGE, type BenchOptions } from './runner/options';
import { startSseServer, type SseServer } from './servers/sse-server';
import { targetsTable } from './sections/targets';
import { measureThroughput, memoryTable, throughputTable } from './sections/throughput';

/** Progress goes to stderr, tables to stdout. */
const progress = (line: string) => process.stderr.write(`${line}\n`);
const print = (text: string) => process.stdout.write(`${text}\n\n`);

/** The commit measured, and whether the working tree differs from it (read-only git commands). */
function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'lib', 'operators'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes in lib/ or operators/` : head;
  } catch {
    return 'unknown';
  }
}

/** Runs the sections the options ask for, printing each table as soon as it is measured. */
async function runSections(options: BenchOptions, bench: BenchContext, sse: SseServer, aws: AwsServers | undefined): Promise<void> {
  const { sections, consumers, reps } = options;
  const throughputSizes = sections.has('throughput') ? options.sizes : sections.has('memory') ? [Math.max(...options.sizes)] : [];
  const all: Measurement[] = [];
  if (throughputSizes.length > 0) {
    const measured = await measureThroughput(bench, sse, throughputSizes, consumers);
    all.push(...measured);
    if (sections.has('throughput'))
      print(`## Throughput (16 KiB slices, ${reps} interleaved reps)\n\n${throughputTable(measured, throughputSizes, consumers)}`);
    if (sections.has('memory')) {
      const size = Math.max(...throughputSizes);
      print(`## Memory at ${int(size)} deltas\n\n${memoryTable(measured, size, consumers)}`);
    }
  }
  if (sections.has('ttft')) {
    const measured = await measureFirstToken(bench, sse, consumers);
    all.push(...measured);
    print(
      `## Time to first token (${int(FIRST_TOKEN_STREAM.events)} deltas, ${FIRST_TOKEN_STREAM.pauseMs} ms pause after the first)\n\n${firstTokenTable(measured, consumers)}`,
    );
  }
  if (sections.has('concurrency')) {
    const shape = { streams: options.streams, events: options.streamEvents };
    const concurrent = consumers.filter((name) => name === 'baseline-raw' || name === 'accumulate-chat');
    const measured = await measureConcurrency(bench, sse, shape, concurrent);
    all.push(...measured);
    print(`## Concurrency (${int(shape.streams)} streams of ${int(shape.events)} deltas in one process)\n\n${concurrencyTable(measured, shape, concurrent)}`);
  }
  if (aws !== undefined) {
    const measured = await measureAws(bench, aws, options.awsSizes, options.awsConsumers);
    all.push(...measured);
    print(`## AWS (event streams over loopback, 16 KiB slices)\n\n${awsTable(measured, options.awsSizes)}`);
  }
  const targets = targetsTable(all, throughputSizes, aws === undefined ? [] : options.awsSizes);
  if (targets !== undefined) print(`## Targets\n\n${targets}`);
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    progress(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  process.chdir(ROOT);
  const startedAt = new Date();
  const start = performance.now();
  const environment = {
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
    commit: commit(),
  };
  progress('Building the package (tsup) and the measurement scripts (esbuild)…');
  const script = await buildBench();

  const measurements: Measurement[] = [];
  const bench: BenchContext = {
    reps: options.reps,
    measure: async (job) => {
      const measurement = await measure(script, job);
      measurements.push(measurement);
      progress(
        `  ${job.mode} ${job.consumer} ${int(job.events)}${job.streams === undefined ? '' : ` × ${int(job.streams)}`}: ${fixed(measurement.report.ms, 0)} ms`,
      );
      return measurement;
    },
  };
  const load = environment.loadAverageAtStart.join(' / ');
  print(
    `# cohere-rx benchmark, ${startedAt.toISOString()}\n\nNode ${environment.node}, ${environment.cpu}, load average at start ${load}, commit ${environment.commit}.`,
  );

  const sse = await startSseServer();
  const aws = options.sections.has('aws') ? await startAwsServers() : undefined;
  let failure: string | undefined;
  try {
    await runSections(options, bench, sse, aws);
  } catch (error) {
    failure = (error as Error).message;
  } finally {
    await Promise.all([sse.close(), aws?.close()]);
  }

  const wallMs = performance.now() - start;
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  const results = {
    startedAt: startedAt.toISOString(),
    wallMs,
    environment: { ...environment, loadAverageAtEnd: loadavg() },
    options: { ...options, sections: [...options.sections] },
    failure,
    measurements,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  progress(`Raw results: ${relative(ROOT, out)}. Whole run: ${fixed(wallMs / 1000, 0)} s.`);
  if (failure !== undefined) {
    progress(`FAILED: ${failure}`);
    return 1;
  }
  return 0;
}

void main().then((code) => process.exit(code));
