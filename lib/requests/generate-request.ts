/**
 * The request body of Cohere's legacy generate endpoint (`POST /v1/generate`, streaming); without
 * `model` and `stream` it is also the body Cohere Command takes on AWS Bedrock and SageMaker. See
 * https://docs.cohere.com/reference/generate-stream.
 *
 * A named interface with its zod schema of the same name, proven equal at compile time. Members
 * keep their wire names and the object is closed: a member the API reference does not list is a
 * compile error in an object literal and a `RequestValidationError` before anything is sent,
 * unless the transport's `unknownFields` option is `'send'`. Parameters the API validates itself
 * (truncation, likelihoods) are closed enums, and numbers carry the bounds Cohere's API reference
 * states. `stream` may only be `true`: the transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { penalty, seed, streamFlag, topK, topP } from './request-parameters';
import { schemaOf } from './request-schema';
import { opt } from '../decoding/schemas/shared';

/**
 * The body of a streaming generate request (`POST /v1/generate`, a legacy endpoint). See
 * https://docs.cohere.com/reference/generate-stream; the bounds of each parameter, and their
 * sources, are in cohere-rx's `docs/requests.md`.
 */
export interface GenerateRequest {
  prompt: string;
  model?: string | null | undefined;
  /** An integer from 1 to 5. */
  num_generations?: number | null | undefined;
  /** A non-negative integer; 0 only with `return_likelihoods: 'ALL'`. */
  max_tokens?: number | null | undefined;
  truncate?: 'NONE' | 'START' | 'END' | null | undefined;
  /** 0 to 5. */
  temperature?: number | null | undefined;
  /** A non-negative integer. */
  seed?: number | null | undefined;
  preset?: string | null | undefined;
  end_sequences?: string[] | null | undefined;
  stop_sequences?: string[] | null | undefined;
  /** An integer from 0 (disabled) to 500. */
  k?: number | null | undefined;
  /** 0.01 to 0.99. */
  p?: number | null | undefined;
  frequency_penalty?: number | null | undefined;
  /** 0 to 1. */
  presence_penalty?: number | null | undefined;
  return_likelihoods?: 'GENERATION' | 'ALL' | 'NONE' | null | undefined;
  raw_prompting?: boolean | null | undefined;
  /** Only `true`: the transports set it. */
  stream?: true | null | undefined;
}
/** The body of a streaming generate request (`POST /v1/generate`). */
export const GenerateRequest = schemaOf<GenerateRequest>()(
  lazySchema(() =>
    z
      .strictObject({
        prompt: z.string(),
        model: opt(z.string()),
        num_generations: opt(z.number().int().min(1).max(5)),
        max_tokens: opt(z.number().int().min(0)),
        truncate: opt(z.enum(['NONE', 'START', 'END'])),
        temperature: opt(z.number().min(0).max(5)),
        seed: opt(seed),
        preset: opt(z.string()),
        end_sequences: opt(z.array(z.string())),
        stop_sequences: opt(z.array(z.string())),
        k: opt(topK),
        p: opt(topP),
        frequency_penalty: opt(z.number()),
        presence_penalty: opt(penalty),
        return_likelihoods: opt(z.enum(['GENERATION', 'ALL', 'NONE'])),
        raw_prompting: opt(z.boolean()),
        stream: builtSchema(streamFlag),
      })
      .superRefine((body, context) => {
        // "Can only be set to `0` if `return_likelihoods` is set to `ALL`" (the API reference).
        if (body.max_tokens === 0 && body.return_likelihoods !== 'ALL') {
          context.addIssue({ code: 'custom', path: ['max_tokens'], input: 0, message: 'an integer of at least 1, or 0 with return_likelihoods "ALL"' });
        }
      }),
  ),
);
