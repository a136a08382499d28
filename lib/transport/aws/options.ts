/**
 * The options of the AWS transports (`fromBedrock`, `fromSageMaker`) and of their conveniences.
 *
 * @module
 */
import type { DecodeOptions } from '../../decoding/decoder';
import { maxFrameSizeOf, type FramingOptions } from '../../framing/frame-limits';
import { timeoutSettings } from '../timeouts';
import { unknownFieldsOption, type UnknownFields } from '../../requests/unknown-fields';
import { recorderOption, type CassetteRecorder } from '../../cassettes/recorder';

/**
 * How long an AWS transport waits before it aborts the request with a `StreamTimeoutError`.
 * Each limit is a number of milliseconds from 0 to 2147483647; `0` disables it, and anything
 * else is an `InvalidOptionError` at the call. A stream's total length is not limited unless
 * `totalMs` is given.
 *
 * The AWS SDK resolves `client.send()` only once the first event message arrived, so there is
 * no separate wait for the response headers: `firstFrameMs` covers the request, the headers and
 * the first chunk.
 */
export interface AwsTimeoutOptions {
  /**
   * From sending the request to the first chunk of the stream (phase `first-frame`).
   *
   * @defaultValue 60000 (one minute)
   */
  readonly firstFrameMs?: number | undefined;
  /**
   * From one chunk to the next (phase `idle`). A stall in the middle of a stream is the usual
   * way a stream "hangs"; on HTTP/2 the SDK never reports it, this limit does.
   *
   * @defaultValue 60000 (one minute)
   */
  readonly idleMs?: number | undefined;
  /**
   * From subscription to the end of the stream (phase `total`): a deadline for the whole
   * answer, which a server trickling chunks just within `idleMs` cannot dodge.
   *
   * @defaultValue 0 (no deadline)
   */
  readonly totalMs?: number | undefined;
}

/** Options of `fromBedrock` and `fromSageMaker`. */
export interface AwsStreamOptions extends FramingOptions {
  /**
   * Aborts the request from outside: the stream then ends with a `RequestAbortedError`
   * carrying the signal's reason, whether the request is waiting for the first chunk or
   * streaming. (Unsubscribing aborts the request too, silently.)
   */
  readonly signal?: AbortSignal | undefined;
  /** Limits on the wait for the first chunk and between chunks: one minute each by default. */
  readonly timeouts?: AwsTimeoutOptions | undefined;
  /**
   * What a member of the body that the V1 chat or generate request does not list (`maxTokens`
   * for `max_tokens`, at any depth) does: `'reject'` makes the body a `RequestValidationError`
   * naming it and the member it most likely meant, and nothing is sent; `'send'` sends it as it
   * is (the model may still refuse it: Bedrock answers a `ValidationException`). Only the
   * transports that send a request read it (not `fromBedrockResponse`, `fromSageMakerResponse`).
   *
   * @defaultValue `'reject'`
   */
  readonly unknownFields?: UnknownFields | undefined;
  /**
   * Records each answer as a take of a cassette: the payload bytes of each event (Bedrock's
   * chunk bytes, SageMaker's raw parts) with their arrival times, and how the stream ended (see
   * `recordCassette`, `replayCassette`).
   */
  readonly record?: CassetteRecorder | undefined;
}

/** Options of the AWS conveniences (`bedrockChatStream`, `sagemakerGenerateStream`, …): the transport's, plus a watch on unknown events. */
export interface AwsEventStreamOptions extends AwsStreamOptions {
  /**
   * Called with each event of a type cohere-rx does not know (then skipped) and how many such
   * events arrived so far. Use it to log API drift.
   */
  readonly onUnknownEvent?: DecodeOptions['onUnknownEvent'];
}

/**
 * The options with every number checked and the defaults filled in, at the call of a transport.
 *
 * @throws `InvalidOptionError` naming the first option out of its range (or an `unknownFields`
 *   other than `'reject'` and `'send'`, or a `record` that is not a recorder).
 * @internal
 */
export function checkedAwsOptions<O extends AwsStreamOptions>(
  options: O,
): O & { readonly timeouts: Required<AwsTimeoutOptions>; readonly maxFrameSize: number; readonly unknownFields: UnknownFields } {
  return {
    ...options,
    timeouts: timeoutSettings(options.timeouts),
    maxFrameSize: maxFrameSizeOf(options),
    unknownFields: unknownFieldsOption(options.unknownFields),
    record: recorderOption(options.record),
  };
}
