/**
 * The events of a generate stream, discriminated by `event_type`: `POST /v1/generate` with
 * `stream: true`, and the Command models on AWS Bedrock and SageMaker.
 *
 * Older streams and Bedrock Command send no `event_type`: `{ "text", "is_finished": false }`
 * chunks, then `{ "is_finished": true, "finish_reason", "response" }`. `decodeEvents(generate)`
 * tells those apart by `is_finished` and fills in the `event_type` they stand for, so every
 * generate event downstream is discriminated the same way. With several generations, text
 * chunks of different `index`es interleave; a missing `index` means 0.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from './lazy-schema';
import { BedrockInvocationMetrics, FinishReason } from './v1-chat-events';
import { JsonObject, opt, WireIndex } from './shared';

/** One generation of a finished generate stream. */
export const SingleGenerationInStream = lazySchema(() =>
  z.looseObject({
    id: opt(z.string()),
    text: opt(z.string()),
    index: opt(WireIndex),
    finish_reason: opt(FinishReason),
    /** Not part of the streamed schema; kept when a payload carries it. */
    likelihood: opt(z.number()),
    /** Not part of the streamed schema; kept when a payload carries it. */
    token_likelihoods: opt(z.array(z.looseObject({ token: opt(z.string()), likelihood: opt(z.number()) }))),
  }),
);
/** One generation of a finished generate stream. */
export type SingleGenerationInStream = z.infer<typeof SingleGenerationInStream>;

/** The complete result of a generate stream: `stream-end`'s `response`. */
export const GenerateStreamEnd = lazySchema(() =>
  z.looseObject({
    id: opt(z.string()),
    prompt: opt(z.string()),
    generations: opt(z.array(builtSchema(SingleGenerationInStream))),
    meta: opt(JsonObject),
  }),
);
/** The complete result of a generate stream. */
export type GenerateStreamEnd = z.infer<typeof GenerateStreamEnd>;

const common = () => ({ is_finished: opt(z.boolean()), index: opt(WireIndex), p: opt(z.string()) });

/** A piece of the text of generation `index`. */
export const GenerateTextGenerationEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('text-generation'),
    text: opt(z.string()),
  }),
);
/** A piece of the text of generation `index`. */
export type GenerateTextGenerationEvent = z.infer<typeof GenerateTextGenerationEvent>;

/** Generation `index` failed; the other generations may go on. */
export const GenerateStreamErrorEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('stream-error'),
    finish_reason: opt(FinishReason),
    err: opt(z.string()),
  }),
);
/** Generation `index` failed; the other generations may go on. */
export type GenerateStreamErrorEvent = z.infer<typeof GenerateStreamErrorEvent>;

/** The terminal event, with every generation's complete text. */
export const GenerateStreamEndEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('stream-end'),
    finish_reason: opt(FinishReason),
    response: opt(GenerateStreamEnd),
    'amazon-bedrock-invocationMetrics': opt(BedrockInvocationMetrics),
  }),
);
/** The terminal event, with every generation's complete text. */
export type GenerateStreamEndEvent = z.infer<typeof GenerateStreamEndEvent>;

/** Every generate event schema, by its `event_type`. */
export const generateEventSchemas = {
  'text-generation': GenerateTextGenerationEvent,
  'stream-error': GenerateStreamErrorEvent,
  'stream-end': GenerateStreamEndEvent,
} as const;

/** One event of a generate stream, discriminated by `event_type`. */
export type GenerateEvent = {
  [K in keyof typeof generateEventSchemas]: z.infer<(typeof generateEventSchemas)[K]>;
}[keyof typeof generateEventSchemas];

/** The generate event of a given `event_type`. */
export type GenerateEventOf<T extends GenerateEvent['event_type']> = Extract<GenerateEvent, { event_type: T }>;

/**
 * The text chunk that Cohere Command on AWS Bedrock sends to mark the end of a generation. It
 * is a marker, not text: the generate operators leave such a chunk out.
 */
export const EOS_TOKEN = '<EOS_TOKEN>';
