/** The command line of `npm run bench`. */
import { join, resolve } from 'node:path';
import { AWS_CONSUMERS, HTTP_CONSUMERS, type ConsumerName } from './jobs';

/** The sections of a run, in the order they run. */
export const SECTIONS = ['throughput', 'memory', 'cold-start', 'ttft', 'small', 'concurrency', 'aws'] as const;

/** The consumers every run measures, whatever `--consumers` says: the drains and the baselines. */
const ALWAYS: readonly ConsumerName[] = [
  'null-drain',
  'fetch-drain',
  'baseline-raw',
  'bedrock-null-drain',
  'bedrock-bare',
  'sagemaker-null-drain',
  'sagemaker-bare',
];

/** Where the charts go by default, and the page whose results block `--write-docs` replaces. */
export const DOCS = { charts: join(__dirname, '..', '..', 'docs', 'images'), page: join(__dirname, '..', '..', 'docs', 'performance.md') } as const;

/** A section of a run. */
export type Section = (typeof SECTIONS)[number];

/** What a run measures. */
export interface BenchOptions {
  /** Throughput stream sizes, in content deltas. */
  readonly sizes: readonly number[];
  /** Interleaved repetitions of every measurement. */
  readonly reps: number;
  readonly sections: ReadonlySet<Section>;
  /** The api.cohere.com consumers (baseline-raw always included). */
  readonly consumers: readonly ConsumerName[];
  /** The AWS consumers. */
  readonly awsConsumers: readonly ConsumerName[];
  /** AWS stream sizes, in text deltas. */
  readonly awsSizes: readonly number[];
  /** Concurrent streams, and the deltas of each. */
  readonly streams: number;
  readonly streamEvents: number;
  /** Where the raw results go (JSON; the Markdown goes beside it, with the `.md` extension). */
  readonly out: string;
  /** Where the charts go, or `undefined` for none. */
  readonly charts: string | undefined;
  /** Whether the results block of `docs/performance.md` is replaced by this run's. */
  readonly writeDocs: boolean;
}

/** The usage text. */
export const USAGE = `npm run bench [-- options]

  --sizes 1000,100000,1000000   throughput stream sizes (content deltas)
  --reps 3                      interleaved repetitions of every measurement (cold start: 5 processes per rep)
  --only ${SECTIONS.join(',')}
                                sections to run (memory: the throughput runs at the largest size)
  --consumers ${HTTP_CONSUMERS.filter((name) => !ALWAYS.includes(name)).join(',')}
                                consumers to run (the drains and the baselines always run;
                                AWS names filter the AWS section)
  --aws-sizes 100000            AWS stream sizes (text deltas)
  --streams 1000                concurrent streams
  --stream-events 1000          deltas of each concurrent stream
  --out bench/results/latest.json
                                where the raw results are written (the Markdown beside them, .md)
  --charts docs/images          where the SVG charts are written, or none
  --write-docs                  replace the results block of docs/performance.md with this run's
                                (its charts must go to docs/images)
  --help                        this text`;

const DEFAULTS: BenchOptions = {
  sizes: [1_000, 100_000, 1_000_000],
  reps: 3,
  sections: new Set(SECTIONS),
  consumers: HTTP_CONSUMERS,
  awsConsumers: AWS_CONSUMERS,
  awsSizes: [100_000],
  streams: 1_000,
  streamEvents: 1_000,
  out: join(__dirname, '..', 'results', 'latest.json'),
  charts: DOCS.charts,
  writeDocs: false,
};

/** The flags that take no value. */
const SWITCHES = ['--write-docs'];

/** The flags that only say where the results go, not what is measured. */
const OUTPUT_FLAGS = ['--out', '--charts', '--write-docs'];

/** A comma-separated list of positive integers. */
function counts(flag: string, value: string): number[] {
  const numbers = value.split(',').map((item) => Number(item.replace(/_/g, '')));
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`${flag} takes positive integers, got ${value}`);
  return numbers;
}

/** A comma-separated list of names, each one of `allowed`. */
function names<T extends string>(flag: string, value: string, allowed: readonly string[]): T[] {
  const list = value.split(',');
  const unknown = list.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) throw new Error(`${flag}: unknown ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  return list as T[];
}

/**
 * Reads the options.
 *
 * @param args The arguments after the script.
 * @returns The options, defaults filled in.
 * @throws Error on an unknown flag or a bad value (the message says which).
 */
export function parseOptions(args: readonly string[]): BenchOptions {
  let options = { ...DEFAULTS };
  for (let at = 0; at < args.length; at += 2) {
    const flag = args[at] ?? '';
    if (SWITCHES.includes(flag)) {
      options = { ...options, writeDocs: true };
      at--;
      continue;
    }
    const value = args[at + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--sizes':
        options = { ...options, sizes: counts(flag, value) };
        break;
      case '--reps':
        options = { ...options, reps: counts(flag, value)[0] ?? 1 };
        break;
      case '--only':
        options = { ...options, sections: new Set(names<Section>(flag, value, SECTIONS)) };
        break;
      case '--consumers': {
        const chosen = names<ConsumerName>(flag, value, [...HTTP_CONSUMERS, ...AWS_CONSUMERS]);
        options = {
          ...options,
          consumers: HTTP_CONSUMERS.filter((name) => ALWAYS.includes(name) || chosen.includes(name)),
          awsConsumers: chosen.some((name) => AWS_CONSUMERS.includes(name as (typeof AWS_CONSUMERS)[number]))
            ? AWS_CONSUMERS.filter((name) => ALWAYS.includes(name) || chosen.includes(name))
            : AWS_CONSUMERS,
        };
        break;
      }
      case '--aws-sizes':
        options = { ...options, awsSizes: counts(flag, value) };
        break;
      case '--streams':
        options = { ...options, streams: counts(flag, value)[0] ?? 1 };
        break;
      case '--stream-events':
        options = { ...options, streamEvents: counts(flag, value)[0] ?? 1 };
        break;
      case '--out':
        options = { ...options, out: value };
        break;
      case '--charts':
        options = { ...options, charts: value === 'none' ? undefined : value };
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  if (options.writeDocs && (options.charts === undefined || resolve(options.charts) !== resolve(DOCS.charts)))
    throw new Error('--write-docs embeds the charts in docs/performance.md: leave --charts at docs/images');
  return options;
}

/**
 * The command that repeats a run's measurements: `npm run bench` with the arguments that choose
 * what is measured (not where the results go).
 *
 * @param args The arguments after the script.
 * @returns The command.
 */
export function reproduceCommand(args: readonly string[]): string {
  const kept: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const flag = args[at] ?? '';
    if (OUTPUT_FLAGS.includes(flag)) {
      if (!SWITCHES.includes(flag)) at++;
      continue;
    }
    kept.push(flag);
  }
  return kept.length === 0 ? 'npm run bench' : `npm run bench -- ${kept.join(' ')}`;
}
