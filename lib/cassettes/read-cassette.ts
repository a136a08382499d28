/**
 * `readCassette`: a cassette's text checked line by line, every member bounded, and one of its
 * takes picked.
 *
 * @module
 */
import { CassetteFormatError, type RecordedError } from '../errors/cassettes';
import { numberOption } from '../errors/options';
import { InvalidOptionError } from '../errors/options';
import { fromBase64 } from './base64';
import {
  CASSETTE_LINE_LENGTH,
  CASSETTE_MAX_CHUNKS,
  CASSETTE_MAX_HEADERS,
  CASSETTE_MAX_TAKES,
  CASSETTE_MAX_TIME,
  CASSETTE_VERSION,
  type CassetteChunk,
  type CassetteEnding,
  type CassetteHeader,
  type CassetteTake,
} from './format';

/** A cassette as `replayCassette` and `cassetteReply` take it: its text, its lines as the sink received them, or a take `readCassette` read. */
export type CassetteInput = string | readonly string[] | CassetteTake;

/** Options of {@link readCassette}. */
export interface ReadCassetteOptions {
  /**
   * The take to read, by its number (the header's `take`).
   *
   * @defaultValue the take with the highest number among those that ended (a take whose end line
   *   is missing was still being recorded)
   */
  readonly take?: number | undefined;
}

const SOURCES: readonly string[] = ['cohere', 'bedrock', 'sagemaker'];
const FRAMINGS: readonly string[] = ['sse', 'json', 'chunks'];
const PROTOCOLS: readonly string[] = ['chatV2', 'chatV1', 'generate'];
const ENDINGS: readonly string[] = ['complete', 'error', 'stopped'];

type Fields = Readonly<Record<string, unknown>>;

/** A take while its lines are read. */
interface OpenTake {
  readonly header: CassetteHeader;
  readonly chunks: CassetteChunk[];
  ending: CassetteEnding | undefined;
  lastT: number;
}

/** How a value is shown in an error: JSON, cut. */
const shown = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * Reads a cassette: checks every line (JSON, the members of a header, chunk or end line, their
 * bounds, the order of each take's lines) and returns one take, its chunks decoded.
 *
 * - **Lines.** Blank lines are skipped. Each line is at most 1,399,128 characters
 *   (`CASSETTE_LINE_LENGTH`: a chunk of 1 MiB); a take holds at most 1,000,000 chunks
 *   (`CASSETTE_MAX_CHUNKS`), a cassette at most 10,000 takes (`CASSETTE_MAX_TAKES`), a header
 *   at most 200 headers (`CASSETTE_MAX_HEADERS`); times are whole or fractional milliseconds
 *   from 0 to 2147483647 that never go back within a take; a status is an integer from 100 to
 *   599. Members the format does not name are ignored.
 * - **Takes.** A chunk or end line must follow its take's header and come before its end. By
 *   default the take with the highest number among those that ended is read.
 *
 * ## Example
 *
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { readCassette } from 'cohere-rx/testing';
 *
 * const take = readCassette(readFileSync('incident.cassette.jsonl', 'utf8'));
 * console.log(take.header.endpoint, take.header.status, take.chunks.length, take.ending.end);
 * ```
 *
 * @param cassette The cassette's text, or its lines (as a sink received them).
 * @param options Which take to read.
 * @returns The take.
 * @throws `CassetteFormatError` naming the first line that is not what a cassette holds
 *   (or the end of the text, when no take ended); `InvalidOptionError` when `take` is not
 *   the number of a take that ended.
 */
export function readCassette(cassette: string | readonly string[], options: ReadCassetteOptions = {}): CassetteTake {
  const wanted = numberOption('take', options.take, { integer: true, min: 1, max: CASSETTE_MAX_TAKES }, 0);
  const lines = typeof cassette === 'string' ? cassette.split('\n') : cassette.flatMap((line) => line.replace(/\r?\n$/, '').split('\n'));
  const takes = new Map<number, OpenTake>();
  for (const [index, raw] of lines.entries()) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') continue;
    readLine(text, index + 1, takes);
  }
  const ended = [...takes.entries()].filter(([, take]) => take.ending !== undefined).map(([number]) => number);
  const number = wanted === 0 ? Math.max(0, ...ended) : wanted;
  const take = takes.get(number);
  if (take?.ending === undefined) {
    if (wanted !== 0) {
      throw new InvalidOptionError({
        option: 'take',
        expected: ended.length === 0 ? 'the number of a take that ended (none did)' : `the number of a take that ended (${ended.join(', ')})`,
        received: String(wanted),
      });
    }
    throw new CassetteFormatError({
      line: lines.length + (lines[lines.length - 1] === '' ? 0 : 1),
      expected: 'a take with its end line',
      received: takes.size === 0 ? 'no take at all' : `${takes.size} take(s), none ended`,
    });
  }
  return { header: take.header, chunks: take.chunks, ending: take.ending };
}

/**
 * A take as replay needs it: read from a cassette's text or lines, or given as read.
 *
 * @throws `CassetteFormatError`, `InvalidOptionError` as {@link readCassette}.
 * @internal
 */
export function takeOf(cassette: CassetteInput, take: number | undefined): CassetteTake {
  if (typeof cassette === 'string' || Array.isArray(cassette)) return readCassette(cassette as string | readonly string[], { take });
  const given = cassette as Partial<CassetteTake> | null;
  if (typeof given !== 'object' || given === null || given.header === undefined || !Array.isArray(given.chunks) || given.ending === undefined) {
    throw new InvalidOptionError({ option: 'cassette', expected: "a cassette's text, its lines, or a take readCassette read", received: typeof given });
  }
  return cassette as CassetteTake;
}

/** Reads one line into `takes`. */
function readLine(text: string, line: number, takes: Map<number, OpenTake>): void {
  const fail = (expected: string, received: string): never => {
    throw new CassetteFormatError({ line, expected, received });
  };
  if (text.length > CASSETTE_LINE_LENGTH) fail(`a line of at most ${CASSETTE_LINE_LENGTH} characters`, `a line of ${text.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail('a JSON object', text);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('a JSON object', text);
  const fields = value as Fields;
  /** The member's value once `check` accepts it. */
  const member = <T>(name: string, expected: string, check: (value: unknown) => boolean): T => {
    const found = fields[name];
    return check(found) ? (found as T) : fail(`${expected} ("${name}")`, shown(found));
  };
  const time = (after: number) =>
    member<number>('t', `a time in milliseconds from ${after} to ${CASSETTE_MAX_TIME}`, (t) => typeof t === 'number' && t >= after && t <= CASSETTE_MAX_TIME);
  const takeNumber = () => member<number>('take', `a take number from 1 to ${CASSETTE_MAX_TAKES}`, isTakeNumber);
  /** The take a chunk or end line belongs to: started, not ended. */
  const openTake = (): OpenTake => {
    const number = takeNumber();
    const take = takes.get(number);
    if (take === undefined) return fail(`a line of a take whose header came before`, `a line of take ${number}, which has no header line before`);
    if (take.ending !== undefined) return fail(`a line of a take that has not ended`, `a line of take ${number}, after its end line`);
    return take;
  };

  if ('cassette' in fields) {
    member('cassette', `the format's version, ${CASSETTE_VERSION} (record the cassette again with this version)`, (v) => v === CASSETTE_VERSION);
    const take = takeNumber();
    if (takes.has(take)) fail('the header of a new take', `a second header of take ${take}`);
    if (takes.size >= CASSETTE_MAX_TAKES) fail(`at most ${CASSETTE_MAX_TAKES} takes`, `take number ${takes.size + 1}`);
    const protocol = fields['protocol'] === undefined ? undefined : member<CassetteHeader['protocol']>('protocol', oneOf(PROTOCOLS), isIn(PROTOCOLS));
    const header: CassetteHeader = {
      cassette: CASSETTE_VERSION,
      take,
      source: member('source', oneOf(SOURCES), isIn(SOURCES)),
      endpoint: member('endpoint', 'a text', (v) => typeof v === 'string'),
      ...(protocol === undefined ? {} : { protocol }),
      framing: member('framing', oneOf(FRAMINGS), isIn(FRAMINGS)),
      status: member('status', 'an HTTP status, an integer from 100 to 599', (v) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599),
      headers: member('headers', `an object of at most ${CASSETTE_MAX_HEADERS} HTTP headers (token names, text values without line breaks)`, isHeaders),
      recordedAt: member('recordedAt', 'a date as text', (v) => typeof v === 'string'),
    };
    takes.set(take, { header, chunks: [], ending: undefined, lastT: 0 });
  } else if ('b64' in fields) {
    const take = openTake();
    if (take.chunks.length >= CASSETTE_MAX_CHUNKS)
      fail(`at most ${CASSETTE_MAX_CHUNKS} chunks in a take`, `chunk ${take.chunks.length + 1} of take ${take.header.take}`);
    const t = time(take.lastT);
    const b64 = member<string>('b64', 'the base64 of the bytes', (v) => typeof v === 'string');
    const bytes = fromBase64(b64) ?? fail('the base64 of the bytes ("b64"), as btoa writes it', shown(b64));
    take.chunks.push({ t, bytes });
    take.lastT = t;
  } else if ('end' in fields) {
    const take = openTake();
    const t = time(take.lastT);
    const end = member<CassetteEnding['end']>('end', oneOf(ENDINGS), isIn(ENDINGS));
    if (end === 'complete') take.ending = { t, end };
    else {
      const error =
        fields['error'] === undefined
          ? undefined
          : member<RecordedError>('error', 'an error: { "name": text, "message": text, "exceptionType"?: text, "awsMessage"?: text }', isRecordedError);
      take.ending = error === undefined ? { t, end } : { t, end, error: recordedErrorOf(error) };
    }
  } else {
    fail('a header line ("cassette"), a chunk line ("b64") or an end line ("end")', text);
  }
}

const oneOf = (choices: readonly string[]) => `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`;
const isIn = (choices: readonly string[]) => (value: unknown) => typeof value === 'string' && choices.includes(value);
const isTakeNumber = (value: unknown) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= CASSETTE_MAX_TAKES;

/** A header name as HTTP writes it (a token), and a value an HTTP server can send (no line break, no control character but tab). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function isHeaders(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= CASSETTE_MAX_HEADERS &&
    entries.every(([name, header]) => HEADER_NAME.test(name) && typeof header === 'string' && HEADER_VALUE.test(header))
  );
}

const isOptionalText = (value: unknown) => value === undefined || typeof value === 'string';

function isRecordedError(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const { name, message, exceptionType, awsMessage } = value as Fields;
  return typeof name === 'string' && typeof message === 'string' && isOptionalText(exceptionType) && isOptionalText(awsMessage);
}

/** The members of a recorded error the format names (and no other). */
function recordedErrorOf({ name, message, exceptionType, awsMessage }: RecordedError): RecordedError {
  return {
    name,
    message,
    ...(exceptionType === undefined ? {} : { exceptionType }),
    ...(awsMessage === undefined ? {} : { awsMessage }),
  };
}
