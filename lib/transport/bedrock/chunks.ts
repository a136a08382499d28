/**
 * What a Bedrock event stream holds and how it becomes frames: the events of
 * `InvokeModelWithResponseStream`, read by their shape (no AWS SDK code, so the root entry may
 * use them), and each `chunk` decoded as one text frame.
 *
 * @module
 */
import { defer, map, type Observable } from 'rxjs';
import type { ExceptionMember } from '../aws/event-stream';
import { DecodeError } from '../../errors/index';
import { DEFAULT_MAX_FRAME_SIZE, frameTooLarge } from '../../framing/frame-limits';

/**
 * One event of a Bedrock response stream (`InvokeModelWithResponseStream`), by the members
 * cohere-rx reads: a `chunk` whose `bytes` are one JSON document of the model (the SDK has
 * decoded Bedrock's base64), or an exception member (`throttlingException`,
 * `modelStreamErrorException`, …). The SDK's `ResponseStream` fits it.
 */
export interface BedrockStreamEvent {
  /** A piece of the answer: one JSON document of the model. */
  readonly chunk?: { readonly bytes?: Uint8Array | undefined } | undefined;
}

/**
 * The payload of a chunk, or the exception member an event carries (Bedrock names every
 * exception member `…Exception`); `undefined` for any other event, such as one a newer SDK
 * knows and cohere-rx does not, which is skipped rather than taken for an exception.
 *
 * @internal
 */
export function readBedrockEvent(event: BedrockStreamEvent): Uint8Array | ExceptionMember | undefined {
  if (event.chunk !== undefined) return event.chunk.bytes;
  for (const [exceptionType, value] of Object.entries(event)) {
    if (exceptionType.endsWith('Exception') && value !== undefined) return { exceptionType, value };
  }
  return undefined;
}

/**
 * Decodes each chunk's bytes as UTF-8; bytes that are not UTF-8, or a text over `maxFrameSize`, are a `DecodeError`.
 *
 * @internal
 */
export function utf8Frames(source: Observable<Uint8Array>, maxFrameSize: number | undefined): Observable<string> {
  const max = maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  return defer(() => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let index = 0;
    return source.pipe(
      map((bytes) => {
        const frameIndex = index++;
        let text: string;
        try {
          text = decoder.decode(bytes);
        } catch (cause) {
          throw new DecodeError({
            message: `Bedrock chunk ${frameIndex} is not valid UTF-8; the model's answer was altered on the way.`,
            reason: 'invalid-utf8',
            frame: new TextDecoder().decode(bytes),
            frameIndex,
            cause,
          });
        }
        if (text.length > max) throw frameTooLarge(text.length, max, text, frameIndex);
        return text;
      }),
    );
  });
}
