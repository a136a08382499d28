/**
 * The Observable both AWS transports are built on: one `client.send()` per subscription, the
 * event stream pulled chunk by chunk, exceptions typed, the request aborted on teardown.
 *
 * @module
 * @internal
 */
import { defer, Observable } from 'rxjs';
import { onAbort } from '../abort-signal';
import { frameTimeouts, streamDeadline, timeoutSettings } from '../timeouts';
import { ConnectionError, RequestAbortedError, StreamTimeoutError } from '../../errors/index';
import { awsExceptionMember, awsExceptionOf, type FailureContext } from './failures';
import type { AwsService } from '../../errors/index';
import type { AwsStreamOptions } from './options';

/** An exception an event carries as a member, e.g. `{ throttlingException: { message } }`. @internal */
export interface ExceptionMember {
  readonly exceptionType: string;
  readonly value: unknown;
}

/** What an AWS transport says about its call. @internal */
export interface AwsInvocation<E> {
  readonly service: AwsService;
  /** The path called, for errors: `model/<id>/invoke-with-response-stream`. */
  readonly endpoint: string;
  /** Sends the command with the signal; resolves with the event stream and the answer's request id. */
  send(abortSignal: AbortSignal): Promise<{ readonly events: AsyncIterable<E> | undefined; readonly requestId: string | undefined }>;
  /** The payload bytes of a data event, the exception an event carries, or `undefined` to skip it. */
  read(event: E): Uint8Array | ExceptionMember | undefined;
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
 *
 * @internal
 */
export function awsEventStream<E>(invocation: AwsInvocation<E>, options: AwsStreamOptions): Observable<Uint8Array> {
  const limits = timeoutSettings(options.timeouts);
  const { signal } = options;
  return defer(() => {
    let frames = 0;
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
    return chunks.pipe(
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
  });
}
