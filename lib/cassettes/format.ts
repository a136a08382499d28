/**
 * The cassette format: JSON lines, a header line per take, then the take's chunks, then how its
 * body ended; and the bounds a reader holds every line to.
 *
 * ```text
 * {"cassette":1,"take":1,"source":"cohere","endpoint":"v2/chat","protocol":"chatV2","framing":"sse","status":200,"headers":{…},"recordedAt":"2025-06-14T09:30:00.000Z"}
 * {"take":1,"t":212,"b64":"ZXZlbnQ6IG1lc3NhZ2Utc3RhcnQK…"}
 * {"take":1,"t":254,"b64":"…"}
 * {"take":1,"t":1093,"end":"complete"}
 * ```
 *
 * @module
 */
import type { RecordedError } from '../errors/cassettes';

/** The version of the format this version of cohere-rx writes and reads. */
export const CASSETTE_VERSION = 1;

/** Where a recorded stream came from: api.cohere.com (or a gateway in front of it), Bedrock or SageMaker. */
export type CassetteSource = 'cohere' | 'bedrock' | 'sagemaker';

/**
 * How the recorded chunks are framed, as the transport framed them: server-sent events
 * (`sseFrames()`), JSON documents (`jsonFrames()`), or one JSON document per chunk (Bedrock's
 * chunks, which `jsonFrames()` reads as well).
 */
export type CassetteFraming = 'sse' | 'json' | 'chunks';

/** The event family of a recorded stream, by the name of its protocol (`chatV2`, `chatV1`, `generate`). */
export type CassetteProtocol = 'chatV2' | 'chatV1' | 'generate';

/** The first line of a take: what was called and how it answered. */
export interface CassetteHeader {
  /** The format's version: {@link CASSETTE_VERSION}. */
  readonly cassette: 1;
  /** The take's number in its cassette, from 1: each answer a recorder records is a take. */
  readonly take: number;
  /** Where the stream came from. */
  readonly source: CassetteSource;
  /** The endpoint as errors name it: `v2/chat`, `model/<modelId>/invoke-with-response-stream`, `endpoints/<name>/invocations-response-stream`. */
  readonly endpoint: string;
  /** The event family; absent when the transport does not know it (an AWS answer you hold, read as frames). */
  readonly protocol?: CassetteProtocol | undefined;
  /** How the chunks are framed. */
  readonly framing: CassetteFraming;
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The answer's headers, names in lower case, without credentials (see `recordCassette`). */
  readonly headers: Readonly<Record<string, string>>;
  /** When the answer's headers arrived, as an ISO 8601 date. */
  readonly recordedAt: string;
}

/** A chunk of the body: its bytes, exactly as they arrived, and when. */
export interface CassetteChunk {
  /** Milliseconds from the answer's headers to the chunk (a whole number). */
  readonly t: number;
  /** The bytes. */
  readonly bytes: Uint8Array;
}

/**
 * How a take's body ended, and when (milliseconds from the answer's headers): read to its end
 * (`complete`), its source failed (`error`: the connection dropped, an AWS exception), or its
 * reader stopped before the end (`stopped`: a timeout, an abort, an error downstream, an
 * unsubscribe; `error` holds the error when there was one).
 */
export type CassetteEnding =
  { readonly t: number; readonly end: 'complete' } | { readonly t: number; readonly end: 'error' | 'stopped'; readonly error?: RecordedError | undefined };

/** One take of a cassette: an answer's header, its chunks and how it ended. */
export interface CassetteTake {
  readonly header: CassetteHeader;
  readonly chunks: readonly CassetteChunk[];
  readonly ending: CassetteEnding;
}

/**
 * The most bytes one chunk line holds: a longer chunk (no transport has been seen to deliver
 * one) is written as several lines with the same time.
 */
export const CASSETTE_CHUNK_BYTES = 1024 * 1024;

/** The longest line a reader accepts, in characters: a chunk line of {@link CASSETTE_CHUNK_BYTES}, with room for its members. */
export const CASSETTE_LINE_LENGTH = Math.ceil(CASSETTE_CHUNK_BYTES / 3) * 4 + 1024;

/** The most chunks a reader accepts in one take. */
export const CASSETTE_MAX_CHUNKS = 1_000_000;

/** The most takes a reader accepts in one cassette. */
export const CASSETTE_MAX_TAKES = 10_000;

/** The most headers a reader accepts in one header line. */
export const CASSETTE_MAX_HEADERS = 200;

/** The latest time a line may carry, in milliseconds from its take's headers (the longest timer). */
export const CASSETTE_MAX_TIME = 2 ** 31 - 1;

/**
 * The longest gap a replay waits, in recorded milliseconds (before `speed` divides it): a
 * longer gap in the recording (a stall that ended in a timeout) is replayed as one minute.
 */
export const CASSETTE_MAX_GAP_MS = 60_000;
