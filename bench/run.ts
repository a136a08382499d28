/**
 * `npm run bench`: builds the package and the measurement scripts, starts the loopback servers in
 * this process, runs every measurement in its own Node process (interleaved repetitions, rotating
 * order), prints Markdown tables, writes the raw results as JSON, the report as Markdown beside
 * them and one SVG chart per section, and on request the results block of docs/performance.md.
 * Exits 1 if any consumer fails or returns a wrong text. Options: see {@link USAGE}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { awsChart, awsHeadroomTable, awsTable, measureAws } from './sections/aws';
import { startAwsServers, type AwsServers } from './servers/aws-server';
import type { BenchContext } from './runner/bench-context';
import { buildBench, ROOT } from './runner/build';
import { measure, type Measurement } from './runner/child';
import { coldStartChart, coldStartTable, measureColdStart, type ColdStart } from './sections/cold-start';
import { CONCURRENT_CONSUMERS, concurrencyChart, concurrencyHeadroomTable, concurrencyTable, measureConcurrency } from './sections/concurrency';
import { FIRST_TOKEN_STREAM, firstTokenChart, firstTokenTable, measureFirstToken } from './sections/first-token';
import { MIN_HEADROOM } from './runner/headroom';
import { fixed, int } from './runner/markdown';
import { DOCS, parseOptions, reproduceCommand, USAGE, type BenchOptions } from './runner/options';
import { linkPath, QUIET_LOAD, replaceDocsBlock, reportMarkdown, sectionMarkdown, writeCharts, type ReportSection } from './runner/publish';
import { measureSmallStreams, SMALL_STREAM, smallStreamsChart, smallStreamsTable } from './sections/small-streams';
import { startSseServer, type SseServer } from './servers/sse-server';
import { targetsTable, type RunFigures } from './sections/targets';
import { measureThroughput, memoryChart, memoryTable, throughputChart, throughputHeadroomTable, throughputTable } from './sections/throughput';

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

/** A path as the progress shows it: relative to the repository when inside it. */
const shown = (path: string) => (relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path));

/** How the null-consumer rule reads, under each table it decides. */
const HEADROOM_NOTE = `A stream is reported only when the null consumer, which only drains the body's bytes, ran at least ${MIN_HEADROOM}× faster than the fastest real consumer; otherwise the server set the pace and the stream's ratios are marked server-bound and left out of the targets.`;

/** Runs the sections the options ask for; `emit` receives each section as soon as it is measured. */
async function runSections(
  options: BenchOptions,
  bench: BenchContext,
  sse: SseServer,
  aws: AwsServers | undefined,
  emit: (section: ReportSection) => void,
): Promise<RunFigures> {
  const { sections, consumers, reps } = options;
  const throughputSizes = sections.has('throughput') ? options.sizes : sections.has('memory') ? [Math.max(...options.sizes)] : [];
  const all: Measurement[] = [];
  let figures: Omit<RunFigures, 'measurements'> = {};
  if (throughputSizes.length > 0) {
    const measured = await measureThroughput(bench, sse, throughputSizes, consumers);
    all.push(...measured);
    figures = { ...figures, throughput: { sizes: throughputSizes, consumers } };
    if (sections.has('throughput'))
      emit({
        title: `Throughput (16 KiB slices, ${reps} interleaved reps)`,
        body: `${throughputTable(measured, throughputSizes, consumers)}\n\n${HEADROOM_NOTE}\n\n${throughputHeadroomTable(measured, throughputSizes, consumers)}`,
        chart: {
          file: 'bench-throughput.svg',
          alt: 'Events per second by stream size, one line per consumer',
          svg: throughputChart(measured, throughputSizes, consumers),
        },
      });
    if (sections.has('memory')) {
      const size = Math.max(...throughputSizes);
      emit({
        title: `Memory at ${int(size)} deltas`,
        body: memoryTable(measured, size, consumers),
        chart: { file: 'bench-memory.svg', alt: 'Peak RSS by stream size, one line per consumer', svg: memoryChart(measured, throughputSizes, consumers) },
      });
    }
  }
  let coldStart: ColdStart | undefined;
  if (sections.has('cold-start')) {
    coldStart = await measureColdStart(bench);
    figures = { ...figures, coldStart };
    emit({
      title: 'Cold start (the root entry of the built package, in fresh processes)',
      body: coldStartTable(coldStart),
      chart: {
        file: 'bench-cold-start.svg',
        alt: 'Time to load the root entry, split into its packages, with require and import',
        svg: coldStartChart(coldStart),
      },
    });
  }
  if (sections.has('ttft')) {
    const measured = await measureFirstToken(bench, sse, consumers);
    all.push(...measured);
    emit({
      title: `Time to first token (${int(FIRST_TOKEN_STREAM.events)} deltas, ${FIRST_TOKEN_STREAM.pauseMs} ms pause after the first)`,
      body: firstTokenTable(measured, consumers),
      chart: {
        file: 'bench-first-token.svg',
        alt: 'Time to first token of the first and second request, per consumer',
        svg: firstTokenChart(measured, consumers),
      },
    });
  }
  if (sections.has('small')) {
    const measured = await measureSmallStreams(bench, sse, consumers);
    all.push(...measured);
    emit({
      title: `Small streams, warm (${int(SMALL_STREAM.events)} deltas; first token with a ${SMALL_STREAM.pauseMs} ms pause after the first delta)`,
      body: smallStreamsTable(measured, consumers),
      chart: { file: 'bench-small-streams.svg', alt: 'Warm request time and first token, per consumer', svg: smallStreamsChart(measured, consumers) },
    });
  }
  if (sections.has('concurrency')) {
    const shape = { streams: options.streams, events: options.streamEvents };
    const concurrent = consumers.filter((name) => (CONCURRENT_CONSUMERS as readonly string[]).includes(name));
    const measured = await measureConcurrency(bench, sse, shape, concurrent);
    all.push(...measured);
    figures = { ...figures, concurrency: { shape, consumers: concurrent } };
    emit({
      title: `Concurrency (${int(shape.streams)} streams of ${int(shape.events)} deltas in one process)`,
      body: `${concurrencyTable(measured, shape, concurrent)}\n\n${HEADROOM_NOTE}\n\n${concurrencyHeadroomTable(measured, shape, concurrent)}`,
      chart: {
        file: 'bench-concurrency.svg',
        alt: 'Events per second over all concurrent streams, per consumer',
        svg: concurrencyChart(measured, shape, concurrent),
      },
    });
  }
  if (aws !== undefined) {
    const measured = await measureAws(bench, aws, options.awsSizes, options.awsConsumers);
    all.push(...measured);
    figures = { ...figures, awsSizes: options.awsSizes };
    emit({
      title: 'AWS (event streams over loopback, 16 KiB slices)',
      body: `${awsTable(measured, options.awsSizes)}\n\n${HEADROOM_NOTE}\n\n${awsHeadroomTable(measured, options.awsSizes)}`,
      chart: {
        file: 'bench-aws.svg',
        alt: 'Events per second of the Bedrock and SageMaker pipelines and bare SDK loops',
        svg: awsChart(measured, options.awsSizes),
      },
    });
  }
  const run = { ...figures, measurements: all };
  emit({ title: 'Targets', body: targetsTable(run) });
  return run;
}

/** The load averages (1, 5 and 15 minutes), to two decimals. */
const loads = () => loadavg().map((load) => Number(load.toFixed(2)));

/** The warning of a run that did not start on a quiet machine, or nothing. */
const quietWarning = (atStart: readonly number[]) =>
  (atStart[0] ?? 0) > QUIET_LOAD
    ? `**Not a quiet machine:** the load average was ${atStart[0]} at the start (above ${QUIET_LOAD}); rerun on a quiet machine before publishing these figures.`
    : undefined;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    progress(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseOptions(args);
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
    loadAverageAtStart: loads(),
    commit: commit(),
    command: reproduceCommand(args),
  };
  const warning = quietWarning(environment.loadAverageAtStart);
  if (warning !== undefined) progress(warning.replace(/\*/g, ''));
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
    progress,
  };
  const loadText = (values: readonly number[]) => values.join(' / ');
  print(
    `# cohere-rx benchmark, ${startedAt.toISOString()}\n\nNode ${environment.node}, ${environment.cpu}, load average at start ${loadText(environment.loadAverageAtStart)} (1, 5, 15 min), commit ${environment.commit}.${warning === undefined ? '' : `\n\n${warning}`}`,
  );

  const sections: ReportSection[] = [];
  const sse = await startSseServer();
  const aws = options.sections.has('aws') ? await startAwsServers() : undefined;
  let failure: string | undefined;
  let coldStart: ColdStart | undefined;
  try {
    ({ coldStart } = await runSections(options, bench, sse, aws, (section) => {
      sections.push(section);
      print(sectionMarkdown(section, 2));
    }));
  } catch (error) {
    failure = (error as Error).message;
  } finally {
    await Promise.all([sse.close(), aws?.close()]);
  }

  const wallMs = performance.now() - start;
  const loadAverageAtEnd = loads();
  print(`Load average at the end: ${loadText(loadAverageAtEnd)} (1, 5, 15 min).`);
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  const results = {
    startedAt: startedAt.toISOString(),
    wallMs,
    environment: { ...environment, loadAverageAtEnd },
    options: { ...options, sections: [...options.sections] },
    failure,
    measurements,
    coldStart,
  };
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  const written = [shown(out)];

  if (failure === undefined) {
    const lead = [
      `One \`${environment.command}\` run on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${wallMs < 120_000 ? `${fixed(wallMs / 1000, 0)} s` : `${fixed(wallMs / 60_000, 0)} min`}), at commit ${environment.commit}, Node ${environment.node} on ${environment.cpu}; load average ${loadText(environment.loadAverageAtStart)} at the start and ${loadText(loadAverageAtEnd)} at the end (1, 5 and 15 minutes).`,
      ...(warning === undefined ? [] : [warning]),
    ].join('\n\n');
    const report = out.replace(/\.json$/, '') + '.md';
    const charts = options.charts === undefined ? undefined : resolve(options.charts);
    writeFileSync(report, `# cohere-rx benchmark\n\n${reportMarkdown(lead, sections, 2, charts === undefined ? undefined : linkPath(report, charts))}\n`);
    written.push(shown(report));
    if (charts !== undefined) written.push(...writeCharts(charts, sections).map(shown));
    if (options.writeDocs) {
      replaceDocsBlock(DOCS.page, reportMarkdown(lead, sections, 3, linkPath(DOCS.page, DOCS.charts)));
      written.push(shown(DOCS.page));
    }
  }
  progress(`Written: ${written.join(', ')}. Whole run: ${fixed(wallMs / 1000, 0)} s.`);
  if (failure !== undefined) {
    progress(`FAILED: ${failure}`);
    return 1;
  }
  return 0;
}

void main().then((code) => process.exit(code));
