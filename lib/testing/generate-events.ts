/**
 * Builders of generate events (`POST /v1/generate`, Command on AWS Bedrock and SageMaker): one
 * event at a time ({@link generateEvent}), a whole scripted answer with interleaved generations
 * ({@link generateEvents}), and the `GenerateStreamEnd` it accumulates to ({@link generateEndOf}).
 *
 * @module
 */
import type { UnknownEvent } from '../decoding/decoder';
import type {
  GenerateEvent,
  GenerateStreamEnd,
  GenerateStreamEndEvent,
  GenerateStreamErrorEvent,
  GenerateTextGenerationEvent,
  SingleGenerationInStream,
} from '../decoding/schemas/generate-events';
import type { JsonObject } from '../decoding/schemas/shared';
import { DEFAULT_RESPONSE_ID, piecesOf, textOf, type Pieces } from './chat-script';
import type { V1Source } from './v1-events';

/** One generation of a scripted generate answer. */
export interface ScriptedGeneration {
  /** Its text, whole or as the pieces the stream carries. */
  readonly text: Pieces;
  /**
   * Its id in the final response.
   *
   * @defaultValue `<response id>-<index>`
   */
  readonly id?: string | undefined;
  /**
   * Why it stopped.
   *
   * @defaultValue `'ERROR'` with an `error`, else `'COMPLETE'`
   */
  readonly finishReason?: string | undefined;
  /** When set, the generation fails after its pieces: a `stream-error` with this `err`. */
  readonly error?: string | undefined;
}

/**
 * A generate answer: one or more generations (`num_generations`), described in a few fields.
 *
 * @example
 * ```ts
 * import type { GenerateScript } from 'cohere-rx/testing';
 *
 * const three: GenerateScript = { prompt: 'Name a colour', generations: [['Re', 'd'], ['Bl', 'ue'], { text: 'Gr', error: 'overloaded' }] };
 * ```
 */
export interface GenerateScript {
  /**
   * The response id.
   *
   * @defaultValue `'resp-1'`
   */
  readonly id?: string | undefined;
  /** The prompt, echoed in the final response. */
  readonly prompt?: string | undefined;
  /** The generations, by index: each its text pieces, or a {@link ScriptedGeneration}. */
  readonly generations: readonly (Pieces | ScriptedGeneration)[];
  /**
   * How the pieces of several generations follow each other: one piece of each in turn
   * (`'interleaved'`, as Cohere streams them), or each generation whole after the other.
   *
   * @defaultValue `'interleaved'`
   */
  readonly order?: 'interleaved' | 'sequential' | undefined;
}

/** Options of {@link generateEvents}. */
export interface GenerateOptions {
  /**
   * The service the stream imitates: Bedrock adds `amazon-bedrock-invocationMetrics` to the
   * last event (strip `event_type` with {@link withoutEventType} for Command's own frames).
   *
   * @defaultValue `'cohere'`
   */
  readonly source?: V1Source | undefined;
}

/**
 * Short builders for single generate events. `index` is left out when `undefined`, as Cohere
 * does for a single generation.
 *
 * @example
 * ```ts
 * import { generateEvent } from 'cohere-rx/testing';
 *
 * const events = [generateEvent.text(0, ' Hi'), generateEvent.text(1, ' Yo'), generateEvent.error(1, 'overloaded'), generateEvent.end()];
 * ```
 */
export const generateEvent = {
  /** `text-generation` carrying a piece of generation `index`. */
  text: (index: number | undefined, text: string, is_finished = false): GenerateTextGenerationEvent => ({
    event_type: 'text-generation',
    ...(index === undefined ? {} : { index }),
    text,
    is_finished,
  }),
  /** `stream-error`: generation `index` failed. */
  error: (index: number, err = 'overloaded', finish_reason = 'ERROR'): GenerateStreamErrorEvent => ({
    event_type: 'stream-error',
    index,
    is_finished: true,
    err,
    finish_reason,
  }),
  /** `stream-end` (`finish_reason` COMPLETE), with the `response` when given; `extra` members win. */
  end: (response?: GenerateStreamEnd, extra: Readonly<Record<string, unknown>> = {}): GenerateStreamEndEvent => ({
    event_type: 'stream-end',
    is_finished: true,
    finish_reason: 'COMPLETE',
    ...(response === undefined ? {} : { response }),
    ...extra,
  }),
};

/**
 * An event of a type the protocol does not know, as `decodeEvents(..., { unknownEvents: 'emit' })`
 * emits it: for operators that must skip such events.
 *
 * @example
 * ```ts
 * import { unknownEvent } from 'cohere-rx/testing';
 *
 * const unknown = unknownEvent({ type: 'brand-new-event' }, 4); // { unknown: true, eventType: 'brand-new-event', frame, frameIndex: 4 }
 * ```
 *
 * @param frame The parsed frame; its `type` or `event_type` names the event.
 * @param frameIndex Its position in the stream.
 * @returns The unknown event.
 */
export function unknownEvent(frame: JsonObject = { event_type: 'brand-new-event' }, frameIndex = 0): UnknownEvent {
  const type = frame['type'] ?? frame['event_type'];
  return { unknown: true, eventType: typeof type === 'string' ? type : undefined, frame, frameIndex };
}

interface Generation {
  readonly index: number;
  readonly pieces: string[];
  readonly final: SingleGenerationInStream & { readonly err?: string };
}

function generationsOf(script: GenerateScript): Generation[] {
  const id = script.id ?? DEFAULT_RESPONSE_ID;
  const several = script.generations.length > 1;
  return script.generations.map((generation, index) => {
    const scripted: ScriptedGeneration =
      typeof generation === 'string' || Array.isArray(generation) ? { text: generation as Pieces } : (generation as ScriptedGeneration);
    const final = {
      id: scripted.id ?? `${id}-${index}`,
      ...(several ? { index } : {}),
      text: textOf(scripted.text),
      finish_reason: scripted.finishReason ?? (scripted.error === undefined ? 'COMPLETE' : 'ERROR'),
      ...(scripted.error === undefined ? {} : { err: scripted.error }),
    };
    return { index, pieces: piecesOf(scripted.text), final };
  });
}

/**
 * The events of a generate stream that carries a scripted answer: `text-generation` per piece
 * (with `index` when there are several generations; interleaved one piece of each in turn,
 * unless `order` is `'sequential'`), a `stream-error` right after the last piece of a failed
 * generation, and `stream-end` with the complete `response` (`id`, `prompt`, each generation's
 * `id`, `index`, `text` and `finish_reason`).
 *
 * @example
 * ```ts
 * import { from, lastValueFrom } from 'rxjs';
 * import { accumulateGenerate } from 'cohere-rx';
 * import { generateEvents } from 'cohere-rx/testing';
 *
 * const end = await lastValueFrom(from(generateEvents({ generations: [['A', 'a'], ['B', 'b']] })).pipe(accumulateGenerate()));
 * console.log(end.generations?.map((g) => g.text)); // ['Aa', 'Bb']
 * ```
 *
 * @param script The answer.
 * @param options The service the stream imitates.
 * @returns The events, up to `stream-end`.
 */
export function generateEvents(script: GenerateScript, options: GenerateOptions = {}): GenerateEvent[] {
  const generations = generationsOf(script);
  const several = generations.length > 1;
  const events: GenerateEvent[] = [];
  const piecesOfTurn = (generation: Generation, from: number, to: number) => {
    generation.pieces.slice(from, to).forEach((piece) => events.push(generateEvent.text(several ? generation.index : undefined, piece)));
    if (to >= generation.pieces.length && generation.final.err !== undefined) {
      events.push(generateEvent.error(generation.index, generation.final.err, generation.final.finish_reason ?? 'ERROR'));
    }
  };
  if (script.order === 'sequential') {
    for (const generation of generations) piecesOfTurn(generation, 0, generation.pieces.length);
  } else {
    const turns = Math.max(1, ...generations.map((generation) => generation.pieces.length));
    for (let turn = 0; turn < turns; turn++) {
      for (const generation of generations) if (turn < Math.max(1, generation.pieces.length)) piecesOfTurn(generation, turn, turn + 1);
    }
  }
  const response: GenerateStreamEnd = {
    id: script.id ?? DEFAULT_RESPONSE_ID,
    ...(script.prompt === undefined ? {} : { prompt: script.prompt }),
    generations: generations.map(({ final: { err: _err, ...final } }) => final),
  };
  const metrics =
    options.source === 'bedrock'
      ? { 'amazon-bedrock-invocationMetrics': { inputTokenCount: 5, outputTokenCount: events.length, invocationLatency: 250, firstByteLatency: 50 } }
      : {};
  events.push(generateEvent.end(response, metrics));
  return events;
}

/**
 * The `GenerateStreamEnd` that `accumulateGenerate()` assembles from the events of a scripted
 * answer (see {@link generateEvents}): what to expect at the end of a generate pipeline. A
 * failed generation carries its `err`.
 *
 * @example
 * ```ts
 * import { generateEndOf } from 'cohere-rx/testing';
 *
 * console.log(generateEndOf({ generations: ['Once upon a time'] }).generations?.[0]?.text); // 'Once upon a time'
 * ```
 *
 * @param script The answer.
 * @returns The final response: `id`, `prompt` when set, and every generation.
 */
export function generateEndOf(script: GenerateScript): GenerateStreamEnd {
  return {
    id: script.id ?? DEFAULT_RESPONSE_ID,
    ...(script.prompt === undefined ? {} : { prompt: script.prompt }),
    generations: generationsOf(script).map((generation) => generation.final),
  };
}

/**
 * Frames without their `event_type`, as older generate streams and Command on AWS Bedrock send
 * them (`decodeEvents(generate)` tells them apart by `is_finished` and puts the type back).
 *
 * @example
 * ```ts
 * import { generateEvents, toBedrockMessages, withoutEventType } from 'cohere-rx/testing';
 *
 * const messages = toBedrockMessages(withoutEventType(generateEvents({ generations: ['Hi'] }, { source: 'bedrock' })));
 * ```
 *
 * @param events The events.
 * @returns Copies of the events without `event_type`.
 */
export function withoutEventType(events: readonly object[]): JsonObject[] {
  return events.map((event) => {
    const { event_type: _type, ...frame } = event as JsonObject;
    return frame;
  });
}
