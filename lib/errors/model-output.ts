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
