/**
 * The errors of cassettes: a cassette text that is not one, and a replayed stream whose
 * recording ends with a failure.
 *
 * @module
 */
import { CohereStreamError, excerpt, StreamInterruptedError } from './cohere-stream-error';

/** What a {@link CassetteFormatError} is built from: its fields. */
export type CassetteFormatErrorDetails = Pick<CassetteFormatError, 'line' | 'expected' | 'received'>;

/**
 * A cassette's text is not what `recordCassette` writes: a line that is not JSON, a member of
 * the wrong type or out of its bounds, a chunk before its take's header, a time that goes back,
 * a take that never ended. Thrown by `readCassette`, `replayCassette` and `cassetteReply` when
 * they are called, before anything is replayed.
 */
export class CassetteFormatError extends CohereStreamError {
  override name = 'CassetteFormatError';
  /** The line (1 for the first), or the number of lines plus one for the end of the text. */
  readonly line: number;
  /** What the line should hold, e.g. `a base64 text ("b64") of at most 1398104 characters`. */
  readonly expected: string;
  /** What it holds (cut to 512 characters). */
  readonly received: string;

  constructor(details: CassetteFormatErrorDetails) {
    const received = excerpt(details.received);
    super(
      `Line ${details.line} of the cassette: expected ${details.expected}, received ${received}. ` +
        'A cassette is the JSON lines recordCassette writes (a header line per take, then its chunks and its end): ' +
        'record it again, or restore the line.',
    );
    this.line = details.line;
    this.expected = details.expected;
    this.received = received;
  }
}

/** How a recorded stream ended before its body did: its source failed, or its reader stopped reading. */
export type RecordedEnding = 'error' | 'stopped';

/** The error a recording ended with, as the cassette keeps it. */
export interface RecordedError {
  /** The error's class name, e.g. `ConnectionError`. */
  readonly name: string;
  /** Its message, credentials redacted, at most 512 characters. */
  readonly message: string;
  /** The AWS exception type, for an `AwsStreamError` (e.g. `modelStreamErrorException`). */
  readonly exceptionType?: string | undefined;
  /** The service's own message, for an `AwsStreamError` that has one. */
  readonly awsMessage?: string | undefined;
}

/** What a {@link RecordedStreamError} is built from: its fields. */
export type RecordedStreamErrorDetails = Pick<RecordedStreamError, 'endpoint' | 'ending' | 'recorded' | 'chunksReplayed'>;

/**
 * A replayed stream whose recording ended before its body did: the connection failed while it
 * was recorded (`ending: 'error'`, `recorded` holds the error), or the reader stopped reading
 * (`ending: 'stopped'`: a timeout, an abort, an error downstream or an unsubscribe; `recorded`
 * holds the error when there was one), so what the server sent next is not in the cassette.
 *
 * It is a {@link StreamInterruptedError}: after events arrived, `accumulateChat()` and the other
 * operators that finish a stream report it as the `cause` of an `IncompleteStreamError`
 * carrying the partial value, as they reported the original failure.
 */
export class RecordedStreamError extends StreamInterruptedError {
  override name = 'RecordedStreamError';
  /** The endpoint that was recorded, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** How the recording ended. */
  readonly ending: RecordedEnding;
  /** The error it ended with, if any (an unsubscribe has none). */
  readonly recorded: RecordedError | undefined;
  /** How many chunks the replay emitted before it. */
  readonly chunksReplayed: number;

  constructor(details: RecordedStreamErrorDetails) {
    const { endpoint, ending, recorded, chunksReplayed } = details;
    const error = recorded === undefined ? undefined : `${recorded.name}: ${recorded.message}`;
    const what =
      ending === 'error'
        ? `ended with ${error ?? 'an error'} when it was recorded`
        : `stops where its reader stopped reading when it was recorded (${error ?? 'unsubscribed'}): what the server sent next is not in the cassette`;
    super(
      `The recorded stream of POST /${endpoint} ${what}; ${chunksReplayed} chunk(s) were replayed before. ` + 'What arrived is incomplete, as it was then.',
    );
    this.endpoint = endpoint;
    this.ending = ending;
    this.recorded = recorded;
    this.chunksReplayed = chunksReplayed;
  }
}
