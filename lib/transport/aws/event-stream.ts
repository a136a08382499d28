/**
 * The Observable both AWS transports are built on: the event stream of one answer pulled chunk
 * by chunk, exceptions typed, a stall timed out, the iterator released on teardown. Either one
 * `client.send()` per subscription ({@link awsEventStream}), or an answer the caller already
 * holds ({@link awsAnswerStream}).
 *
 * @module
 * @internal
 */
import { defer, Observable, tap, throwError } from 'rxjs';
import { startTake, type Take } from '../../cassettes/recorder';
import type { CassetteProtocol } from '../../cassettes/format';
import { onAbort } from '../abort-signal';
import { frameTimeouts, streamDeadline, timeoutSettings } from '../timeouts';
import { describeValue } from '../../decoding/issues';
import { AwsStreamError, ConnectionError, InvalidOptionError, RequestAbortedError, ResponseConsumedError, StreamTimeoutError } from '../../errors/index';
import { awsExceptionMember, awsExceptionOf, type FailureContext } from './failures';
import type { AwsService } from '../../errors/index';
import type { AwsStreamOptions } from './options';

/** An exception an event carries as a member, e.g. `{ throttlingException: { message } }`. @internal */
export interface ExceptionMember {
  readonly exceptionType: string;
  readonly value: unknown;
}

/** How the events of one service's stream are read, and where they come from (for errors). @internal */
export interface AwsEventReader<E> {
  readonly service: AwsService;
  /** The path called, for errors: `model/<id>/invoke-with-response-stream`. */
  readonly endpoint: string;
  /** The event family of the stream, for a cassette; `undefined` when unknown (an answer in hand, read as frames). */
  readonly protocol?: CassetteProtocol | undefined;
  /** The payload bytes of a data event, the exception an event carries, or `undefined` to skip it. */
  read(event: E): Uint8Array | ExceptionMember | undefined;
}

/** An answer: its event stream (`undefined` when it has none), its request id and its HTTP status. @internal */
export interface AwsAnswer<E> {
  readonly events: AsyncIterable<E> | undefined;
  readonly requestId: string | undefined;
  readonly status?: number | undefined;
}

/** What an AWS transport says about its call. @internal */
export interface AwsInvocation<E> extends AwsEventReader<E> {
  /** Sends the command with the signal; resolves with the event stream and the answer's request id. */
  send(abortSignal: AbortSignal): Promise<AwsAnswer<E>>;
}

/**
 * Streams the payload bytes of each data event of an AWS event stream.
 *
 * 1. Each subscription sends the command once, with its own `AbortController` (its signal goes
 *    to `client.send(command, { abortSignal })`); teardown aborts it and `return()`s the
 *    iterator, so the server sees the stream close.
 * 2. An exception (an HTTP error answer, an exception frame thrown by the iterator or yielded as
 *    a member, an unknown exception type) is an `AwsStreamError`.
 * 3. A failure that is not an exception is a `ConnectionError`: before `send()` resolved (0
 *    frames) or after, when the connection is cut (HTTP/1.1 `ECONNRESET`, a truncated frame).
 *    A cut the SDK does not report (HTTP/2 at a frame boundary) just completes the stream: the
 *    operators that finish it report the missing terminal event.
 * 4. The `signal` option aborting is a `RequestAbortedError`, at once, also when the SDK would
 *    resolve with an empty stream (an abort after the headers on HTTP/2).
 * 5. The first chunk must arrive within `timeouts.firstFrameMs` and each next one within
 *    `timeouts.idleMs`, and the stream must end within `timeouts.totalMs` when it is given, or
 *    the request is aborted with a `StreamTimeoutError`.
 * 6. With a `record` option, the answer is a take of its cassette: each payload's bytes as
 *    they arrive, and how the stream ended (an error answer before the stream is a take too).
 *
 * @internal
 */
export function awsEventStream<E>(invocation: AwsInvocation<E>, options: AwsStreamOptions): Observable<Uint8Array> {
  const limits = timeoutSettings(options.timeouts);
  const { signal, record } = options;
  return defer(() => {
    let frames = 0;
    /** The take of this subscription's answer, when it is recorded. */
    let take: Take | undefined;
    const startRecording = (status: number | undefined, requestId: string | undefined) => {
      take = startTake(record, {
        source: invocation.service,
        endpoint: invocation.endpoint,
        protocol: invocation.protocol,
        framing: invocation.service === 'bedrock' ? 'chunks' : 'json',
        status: status ?? 200,
        headers: requestId === undefined ? [] : [['x-amzn-requestid', requestId]],
      });
    };
    const chunks = new Observable<Uint8Array>((subscriber) => {
      const aborted = () => subscriber.error(new RequestAbortedError({ endpoint: invocation.endpoint, reason: signal?.reason }));
      if (signal?.aborted) {
        aborted();
        return undefined;
      }
      const stopWatching = signal === undefined ? undefined : onAbort(signal, aborted);
      const controller = new AbortController();
      let requestId: string | undefined;
      let iterator: AsyncIterator<E> | undefined;
      const context = (): FailureContext => ({ service: invocation.service, endpoint: invocation.endpoint, requestId, framesReceived: frames });

      const pull = async (): Promise<void> => {
        const answer = await invocation.send(controller.signal);
        requestId = answer.requestId;
        if (subscriber.closed) return;
        startRecording(answer.status, requestId);
        iterator = answer.events?.[Symbol.asyncIterator]();
        while (iterator !== undefined && !subscriber.closed) {
          const result = await iterator.next();
          if (result.done || subscriber.closed) break;
          const read = invocation.read(result.value);
          if (read === undefined) continue;
          if ('exceptionType' in read) {
            subscriber.error(awsExceptionMember(read.exceptionType, read.value, context()));
          } else {
            frames++;
            subscriber.next(read);
          }
        }
        subscriber.complete();
      };
      pull().catch((error: unknown) => {
        if (subscriber.closed) return;
        const exception = awsExceptionOf(error, context());
        subscriber.error(exception ?? new ConnectionError({ endpoint: invocation.endpoint, framesReceived: frames, cause: error }));
      });

      return () => {
        stopWatching?.();
        controller.abort();
        iterator?.return?.().catch(() => undefined);
      };
    });
    const watched = chunks.pipe(
      frameTimeouts(
        limits.firstFrameMs,
        limits.idleMs,
        (phase, limitMs) => new StreamTimeoutError({ endpoint: invocation.endpoint, phase, limitMs, framesReceived: frames }),
      ),
      streamDeadline(
        limits.totalMs,
        () => new StreamTimeoutError({ endpoint: invocation.endpoint, phase: 'total', limitMs: limits.totalMs, framesReceived: frames }),
      ),
    );
    if (record === undefined) return watched;
    return watched.pipe(
      tap({
        next: (bytes) => take?.chunk(bytes),
        complete: () => take?.end(),
        error: (error: unknown) => {
          // An error answer before the stream is an answer too: its status, and the exception.
          if (take === undefined && error instanceof AwsStreamError && error.httpStatus !== undefined) startRecording(error.httpStatus, error.requestId);
          // The connection or the service failed; anything else stopped the reading from this side.
          if (error instanceof ConnectionError || error instanceof AwsStreamError) take?.fail(error);
          else take?.stop(error);
        },
        unsubscribe: () => take?.stop(),
      }),
    );
  });
}

/** The event streams already given to {@link awsAnswerStream}: each is one answer, read once. */
const taken = new WeakSet<object>();

/**
 * Streams the payload bytes of an answer the caller already holds (they sent the command
 * themselves): everything {@link awsEventStream} does after `send()` resolved, on the same
 * code, with the same exception typing, timeouts (from subscription to the first chunk, then
 * between chunks), `signal` and teardown (`return()` on the iterator).
 *
 * Nothing is sent, and there is no request of ours to abort: releasing the connection is the
 * caller's `AbortController`. The event stream is read once: any later subscription (to this
 * Observable or to another one made from the same event stream) is a `ResponseConsumedError`,
 * and reads nothing.
 *
 * @param argument How the caller wrote the event stream, for the error of one that is not an async iterable.
 * @throws {@link InvalidOptionError} at the call when the event stream is neither `undefined` nor an async iterable.
 * @internal
 */
export function awsAnswerStream<E>(reader: AwsEventReader<E>, answer: AwsAnswer<E>, options: AwsStreamOptions, argument: string): Observable<Uint8Array> {
  const { events } = answer;
  if (events !== undefined && typeof (events as Partial<AsyncIterable<E>> | null)?.[Symbol.asyncIterator] !== 'function') {
    throw new InvalidOptionError({
      option: argument,
      expected: `the event stream of the ${reader.service === 'bedrock' ? 'Bedrock output (output.body)' : 'SageMaker output (output.Body)'}, an async iterable`,
      received: describeValue(events),
    });
  }
  const stream = awsEventStream({ ...reader, send: () => Promise.resolve(answer) }, options);
  return defer(() => {
    if (events === undefined) return stream;
    if (taken.has(events)) return throwError(() => new ResponseConsumedError({ service: reader.service, endpoint: reader.endpoint }));
    taken.add(events);
    return stream;
  });
}
