/**
 * The request body of Cohere's legacy generate endpoint (`POST /v1/generate`, streaming). See
 * https://docs.cohere.com/reference/generate-stream.
 *
 * Members keep their wire names and unknown members are kept, because the API grows. Parameters
 * the API validates itself (truncation, likelihoods) are closed enums, and numbers carry the
 * bounds Cohere's API reference states, so a typo or an out-of-range value fails here, before the
 * request is sent. `stream` may only be `true`: the transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { penalty, seed, streamFlag, tokenCount, topK, topP } from './request-parameters';
import { opt } from '../decoding/schemas/shared';

/**
 * The body of a streaming generate request (`POST /v1/generate`, a legacy endpoint). See
 * https://docs.cohere.com/reference/generate-stream.
 */
export const GenerateRequest = z.looseObject({
  prompt: z.string(),
  model: opt(z.string()),
  num_generations: opt(z.number().int().min(1).max(5)),
  max_tokens: opt(tokenCount),
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
  stream: streamFlag,
});
/** The body of a streaming generate request. */
export type GenerateRequest = z.infer<typeof GenerateRequest>;
