/**
 * An answer of `fromCohere` recorded as a take of a cassette: its status and headers when they
 * arrive, then each chunk of its body as the HTTP client delivers it (`node:http` or `fetch`).
 *
 * @module
 * @internal
 */
import type { CassetteProtocol } from '../cassettes/format';
import { startTake, type CassetteRecorder, type Take } from '../cassettes/recorder';
import type { Redactor } from '../errors/redaction';
import type { Answer, ByteSource } from './answer';
import { framingOf, type CohereEndpoint } from './endpoints';

/** The event family of each endpoint, as a cassette names it. */
const PROTOCOLS: Readonly<Record<CohereEndpoint, CassetteProtocol>> = { 'v2/chat': 'chatV2', 'v1/chat': 'chatV1', 'v1/generate': 'generate' };

/** What {@link recordedAnswer} records an answer with. */
export interface AnswerRecording {
  readonly recorder: CassetteRecorder;
  readonly endpoint: CohereEndpoint;
  /** The framing of the endpoint when the content-type names none. */
  readonly fallbackFraming: 'sse' | 'json';
  readonly redactor: Redactor;
}

/** A body whose chunks, end and failure also go to `take`; stopping it before its end stops the take. */
function recordedBody(body: ByteSource, take: Take): ByteSource {
  return (sink) => {
    const stop = body({
      chunk: (bytes) => {
        take.chunk(bytes);
        return sink.chunk(bytes);
      },
      end: () => {
        take.end();
        sink.end();
      },
      failed: (error) => {
        take.fail(error);
        sink.failed(error);
      },
    });
    return () => {
      take.stop();
      stop();
    };
  };
}

/**
 * The answer with its take started: the same status and headers, a body that writes each chunk
 * to the take as it is read. An answer without a body is a take that ended at once.
 *
 * @returns The answer to read, and the take (to say why the reading stopped, when it did).
 * @internal
 */
export function recordedAnswer(answer: Answer, recording: AnswerRecording): { readonly answer: Answer; readonly take: Take | undefined } {
  const take = startTake(recording.recorder, {
    source: 'cohere',
    endpoint: recording.endpoint,
    protocol: PROTOCOLS[recording.endpoint],
    framing: framingOf(answer.headers.get('content-type'), recording.fallbackFraming),
    status: answer.status,
    headers: answer.headers,
    redactor: recording.redactor,
  });
  if (take === undefined) return { answer, take };
  if (answer.body === null) {
    take.end();
    return { answer, take };
  }
  return { answer: { ...answer, body: recordedBody(answer.body, take) }, take };
}
