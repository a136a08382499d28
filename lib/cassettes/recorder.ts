/**
 * `recordCassette`: a recorder that the transports' `record` option writes each answer to, as
 * the JSON lines of a cassette, chunk by chunk as they arrive.
 *
 * @module
 */
import { excerpt } from '../errors/cohere-stream-error';
import { AwsStreamError, InvalidOptionError, type RecordedError } from '../errors/index';
import { showValue } from '../errors/options';
import { NO_SECRETS, type Redactor } from '../errors/redaction';
import { answerHeaders } from '../transport/credentials';
import { toBase64 } from './base64';
import { bodySecrets, type SafeChunk } from './body-secrets';
import {
  CASSETTE_CHUNK_BYTES,
  CASSETTE_MAX_HEADERS,
  CASSETTE_MAX_TIME,
  CASSETTE_VERSION,
  type CassetteFraming,
  type CassetteHeader,
  type CassetteProtocol,
  type CassetteSource,
} from './format';

/** Where a recorder writes: called with each line of the cassette, a complete JSON text ending in `"\n"`. */
export type CassetteSink = (line: string) => void;

/** A recorder made by {@link recordCassette}: give it to a transport as its `record` option. */
export interface CassetteRecorder {
  /** How many takes were started: one per answer recorded. */
  readonly takes: number;
  /** Whether the sink threw, which ended the recording (see {@link recordCassette}). */
  readonly failed: boolean;
}

/** What a recorder keeps: its sink and its counters. */
interface RecorderState {
  readonly sink: CassetteSink;
  takes: number;
  failed: boolean;
}

/** The recorders made by {@link recordCassette}, with their state. */
const recorders = new WeakMap<CassetteRecorder, RecorderState>();

/**
 * Makes a recorder of cassettes: pass it as the `record` option of a transport (`fromCohere`,
 * `chatStream`, `chatStreamV1`, `generateStream`, `createCohere`; `fromBedrock`,
 * `fromSageMaker`, their conveniences, `createBedrock`, `createSageMaker`,
 * `fromBedrockResponse`, `fromSageMakerResponse`, `streamingChat`) and each answer it reads is
 * written to `sink`, line by line, as it arrives: a header line, a line per chunk of the body
 * (its exact bytes, in base64, and its time), and a line saying how the body ended.
 *
 * 1. **Takes.** Each answer read is a take, numbered from 1: every subscription, and every
 *    attempt a retry sends. Each line names its take, so streams recorded at once (a client's
 *    defaults) interleave safely; `readCassette` and `replayCassette` pick one (the last one
 *    that ended, unless `take` says otherwise).
 * 2. **Privacy.** The request is never written (its body, its headers, the key). Of the
 *    answer's headers, the credential-like ones (`Set-Cookie`, `Authorization`,
 *    `WWW-Authenticate`, and any name with `key`, `token`, `secret`, `auth`, `session`,
 *    `password`, `credential` or `cookie` in it) are left out, and the others' values are
 *    redacted of the API key and of the credential headers sent, as errors are. Body chunks are
 *    redacted the same way: a chunk holding a secret (in any escaped form) is written with
 *    `[redacted]` in its place (chunks around a secret split between them are written as one).
 * 3. **Bounds.** Nothing is held beyond the chunk being written (and, only while its end may
 *    be the start of a secret, a few chunks more, 1 MiB at most); a chunk over 1 MiB is written
 *    as several lines with the same time. Times are whole milliseconds from the answer's headers.
 * 4. **The sink** is called synchronously; a sink that throws ends the recording (the first
 *    error is reported once with `console.warn`, `failed` becomes `true`, nothing more is
 *    written) and never the stream.
 *
 * ## Example
 *
 * ```ts
 * import { createWriteStream } from 'node:fs';
 * import { accumulateChat, chatStream, recordCassette } from 'cohere-rx';
 *
 * const file = createWriteStream('incident.cassette.jsonl');
 * const record = recordCassette((line) => file.write(line));
 *
 * chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }, { record })
 *   .pipe(accumulateChat())
 *   .subscribe({ next: (response) => console.log(response.message.content), complete: () => file.end() });
 * ```
 *
 * @param sink Called with each line (a JSON text ending in `"\n"`): `(line) => file.write(line)`, `(line) => lines.push(line)`.
 * @returns The recorder, to give as the `record` option.
 * @throws {@link InvalidOptionError} when `sink` is not a function.
 */
export function recordCassette(sink: CassetteSink): CassetteRecorder {
  if (typeof sink !== 'function') throw new InvalidOptionError({ option: 'sink', expected: 'a function that takes a line', received: showValue(sink) });
  const state: RecorderState = { sink, takes: 0, failed: false };
  const recorder: CassetteRecorder = {
    get takes() {
      return state.takes;
    },
    get failed() {
      return state.failed;
    },
  };
  recorders.set(recorder, state);
  return recorder;
}

/**
 * The `record` option checked: `undefined`, or a recorder made by {@link recordCassette}.
 *
 * @throws {@link InvalidOptionError} for anything else.
 * @internal
 */
export function recorderOption(value: unknown): CassetteRecorder | undefined {
  if (value === undefined || (typeof value === 'object' && value !== null && recorders.has(value as CassetteRecorder))) {
    return value as CassetteRecorder | undefined;
  }
  throw new InvalidOptionError({ option: 'record', expected: 'a recorder made by recordCassette(sink)', received: showValue(value) });
}

/** What a transport says about an answer whose take starts. @internal */
export interface RecordedAnswer {
  readonly source: CassetteSource;
  readonly endpoint: string;
  readonly protocol: CassetteProtocol | undefined;
  readonly framing: CassetteFraming;
  readonly status: number;
  readonly headers: Iterable<readonly [string, string]>;
  /** The request's secrets, kept out of what is written. */
  readonly redactor?: Redactor | undefined;
}

/** The take of one answer, which the transport tells about its body. @internal */
export interface Take {
  /** A chunk of the body arrived. */
  chunk(bytes: Uint8Array): void;
  /** The body was read to its end. */
  end(): void;
  /** The body's source failed: the connection dropped, the server sent an exception. */
  fail(error: unknown): void;
  /** The reader stopped before the end: a timeout, an abort, an error downstream (`reason`), or an unsubscribe. */
  stop(reason?: unknown): void;
}

/** The error a line keeps: its name, its message (redacted, cut), and an AWS exception's type and message. */
function recordedError(error: unknown, redactor: Redactor): RecordedError {
  // Read by shape: an error of Node's own (a dropped socket) may come from another realm than `Error`.
  const { name, message: text } = typeof error === 'object' && error !== null ? (error as { name?: unknown; message?: unknown }) : {};
  const message = excerpt(redactor.text(typeof text === 'string' ? text : String(error)));
  if (typeof name !== 'string') return { name: 'Error', message };
  if (!(error instanceof AwsStreamError)) return { name, message };
  const { exceptionType, awsMessage } = error;
  return awsMessage === undefined ? { name, message, exceptionType } : { name, message, exceptionType, awsMessage: excerpt(awsMessage) };
}

/** Milliseconds since the page or process started: a clock that never goes back. */
const now = () => performance.now();

/**
 * Starts the take of an answer on `recorder` (none without one): writes its header line and
 * returns what writes the rest. Every method is a no-op once the body ended one way or another.
 *
 * @internal
 */
export function startTake(recorder: CassetteRecorder | undefined, answer: RecordedAnswer): Take | undefined {
  const state = recorder === undefined ? undefined : recorders.get(recorder);
  if (state === undefined || state.failed) return undefined;
  const take = ++state.takes;
  const redactor = answer.redactor ?? NO_SECRETS;
  const started = now();
  const elapsed = () => Math.min(Math.round(now() - started), CASSETTE_MAX_TIME);
  let open = true;
  const write = (line: object) => {
    if (state.failed) return;
    try {
      state.sink(`${JSON.stringify(line)}\n`);
    } catch (error) {
      state.failed = true;
      console.warn('cohere-rx: the sink of a cassette recorder threw; the recording ends here (the stream goes on).', redactor.error(error));
    }
  };
  const writeChunks = (chunks: readonly SafeChunk[]) => {
    for (const { t, bytes, redacted } of chunks) {
      for (let at = 0; at < bytes.length; at += CASSETTE_CHUNK_BYTES) {
        const b64 = toBase64(bytes.subarray(at, at + CASSETTE_CHUNK_BYTES));
        write(redacted ? { take, t, b64, redacted } : { take, t, b64 });
      }
    }
  };
  const headers = Object.fromEntries(Object.entries(answerHeaders(answer.headers, redactor)).slice(0, CASSETTE_MAX_HEADERS));
  const header: CassetteHeader = {
    cassette: CASSETTE_VERSION,
    take,
    source: answer.source,
    endpoint: redactor.text(answer.endpoint),
    ...(answer.protocol === undefined ? {} : { protocol: answer.protocol }),
    framing: answer.framing,
    status: answer.status,
    headers,
    recordedAt: new Date().toISOString(),
  };
  write(header);
  const secrets = bodySecrets(redactor);
  const close = (ending: object) => {
    if (!open) return;
    open = false;
    writeChunks(secrets.flush());
    write({ take, t: elapsed(), ...ending });
  };
  return {
    chunk: (bytes) => {
      if (open && bytes.length > 0) writeChunks(secrets.chunk(elapsed(), bytes));
    },
    end: () => close({ end: 'complete' }),
    fail: (error) => close({ end: 'error', error: recordedError(error, redactor) }),
    stop: (reason) => close(reason === undefined ? { end: 'stopped' } : { end: 'stopped', error: recordedError(reason, redactor) }),
  };
}
