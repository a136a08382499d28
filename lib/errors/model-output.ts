/**
 * The errors of what the model itself produced: a generation that failed inside the stream, and
 * tool-call arguments that are not a JSON object.
 *
 * @module
 */
import { CohereStreamError, excerpt } from './cohere-stream-error';

/**
 * A generation failed inside a generate stream (`stream-error`): the model's own error, carried
 * in band. `generationIndex` is the generation, `err` the model's message and `finishReason` its
 * reason (`ERROR`, `ERROR_TOXIC`, …). The other generations of the stream may go on.
 */
export class GenerationError extends CohereStreamError {
  override name = 'GenerationError';
  /** The generation that failed (a missing `index` is 0). */
  readonly generationIndex: number;
  /** The model's error message. */
  readonly err: string | undefined;
  /** Why the generation stopped. */
  readonly finishReason: string | undefined;

  constructor(details: { generationIndex: number; err?: string | null | undefined; finishReason?: string | null | undefined }) {
    super(
      `Generation ${details.generationIndex} failed inside the stream (${details.finishReason ?? 'no finish reason'}): ` +
        `${details.err ?? 'no message'}. The other generations are not affected; retry this one if it matters.`,
    );
    this.generationIndex = details.generationIndex;
    this.err = details.err ?? undefined;
    this.finishReason = details.finishReason ?? undefined;
  }
}

/**
 * The arguments the model streamed for a tool call are not a JSON object. `toolName`, `index`
 * and `id` name the call; `arguments` keeps the whole text so it can be shown or repaired.
 */
export class ToolCallArgumentsError extends CohereStreamError {
  override name = 'ToolCallArgumentsError';
  /** The tool the model called. */
  readonly toolName: string;
  /** The call's position among the turn's tool calls. */
  readonly index: number;
  /** The call's id (V2 streams), when it has one. */
  readonly id: string | undefined;
  /** The complete arguments text, as streamed. */
  readonly arguments: string;

  constructor(details: { toolName: string; index: number; id?: string | undefined; arguments: string; problem: string; cause?: unknown }) {
    super(
      `The arguments of tool call ${details.index} ("${details.toolName}"${details.id === undefined ? '' : `, id ${details.id}`}) ` +
        `are not a JSON object: ${details.problem}. Received ${JSON.stringify(excerpt(details.arguments))}. ` +
        'The text is kept in `arguments`: report the failure to the model as the tool result, or repair it.',
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.toolName = details.toolName;
    this.index = details.index;
    this.id = details.id;
    this.arguments = details.arguments;
  }
}

/** What a {@link FinishReasonError} is built from. */
export type FinishReasonErrorDetails<R> = Pick<FinishReasonError<R>, 'protocol' | 'finishReason' | 'modelMessage' | 'response'>;

/**
 * A chat stream ended whole, but the model says it failed: a V2 `message-end` with
 * `finish_reason: "ERROR"` (or `TIMEOUT`) and its `error`, a V1 `stream-end` with `ERROR`,
 * `ERROR_TOXIC` (the output was flagged), `ERROR_LIMIT` (the context limit) or `TIMEOUT`.
 * `accumulateChat()` and `chatSnapshots()` report it instead of a value that looks like an
 * answer (`modelErrors: 'emit'` gives the value instead). `response` holds the assembled
 * response, `finishReason` the reason and `modelMessage` the model's own message, when it sent one.
 */
export class FinishReasonError<R = unknown> extends CohereStreamError {
  override name = 'FinishReasonError';
  /** The event family: `chatV2` or `chatV1`. */
  readonly protocol: string;
  /** The finish reason, e.g. `ERROR`. */
  readonly finishReason: string;
  /** The model's message (V2 `message-end`'s `delta.error`), when it sent one. */
  readonly modelMessage: string | undefined;
  /** The response assembled from the stream (`ChatResponse` for V2, `Chat` for V1). */
  readonly response: R;

  constructor(details: FinishReasonErrorDetails<R>) {
    const said = details.modelMessage === undefined ? 'without a message' : `: "${details.modelMessage}"`;
    super(
      `The ${details.protocol} answer ended with finish_reason "${details.finishReason}" ${said}. The model failed, so the ` +
        'text it streamed is not an answer; `response` holds it as assembled. Send the request again (shorten it after ' +
        'ERROR_LIMIT, change it after ERROR_TOXIC), or pass modelErrors: "emit" to receive such responses as values.',
    );
    this.protocol = details.protocol;
    this.finishReason = details.finishReason;
    this.modelMessage = details.modelMessage;
    this.response = details.response;
  }
}
