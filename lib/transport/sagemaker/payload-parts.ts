/**
 * What a SageMaker event stream holds: the events of `InvokeEndpointWithResponseStream`, read by
 * their shape (no AWS SDK code, so the root entry may use them).
 *
 * @module
 */
import type { ExceptionMember } from '../aws/event-stream';

/**
 * One event of a SageMaker response stream (`InvokeEndpointWithResponseStream`), by the members
 * cohere-rx reads: a `PayloadPart` whose `Bytes` are raw model output split anywhere, or one of
 * the exceptions `ModelStreamError` and `InternalStreamFailure`. The SDK's `ResponseStream` fits it.
 */
export interface SageMakerStreamEvent {
  /** A piece of the model's output: any number of bytes, cut anywhere. */
  readonly PayloadPart?: { readonly Bytes?: Uint8Array | undefined } | undefined;
  /** The model's stream failed (`Message`, `ErrorCode` such as `StreamBroken`). */
  readonly ModelStreamError?: object | undefined;
  /** SageMaker's own stream failed (`Message`). */
  readonly InternalStreamFailure?: object | undefined;
}

/**
 * The bytes of a payload part, or the exception member an event carries; `undefined` for any
 * other event (one a newer SDK knows), which is skipped.
 *
 * @internal
 */
export function readSageMakerEvent(event: SageMakerStreamEvent): Uint8Array | ExceptionMember | undefined {
  if (event.PayloadPart !== undefined) return event.PayloadPart.Bytes;
  if (event.ModelStreamError !== undefined) return { exceptionType: 'ModelStreamError', value: event.ModelStreamError };
  if (event.InternalStreamFailure !== undefined) return { exceptionType: 'InternalStreamFailure', value: event.InternalStreamFailure };
  return undefined;
}
