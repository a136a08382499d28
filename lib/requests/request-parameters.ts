/**
 * Sampling and streaming parameters shared by the request bodies of V2 chat (`POST /v2/chat`),
 * V1 chat (`POST /v1/chat`) and generate (`POST /v1/generate`), with the bounds Cohere's API
 * reference states, so an out-of-range value fails before the request is sent. Each bound and its
 * source is listed in `docs/requests.md`.
 *
 * @module
 */
import * as z from 'zod';
import { lazySchema } from '../decoding/schemas/lazy-schema';
import { opt } from '../decoding/schemas/shared';

/**
 * `temperature` of both chat endpoints on api.cohere.com: "a non-negative float", with no upper
 * bound stated. (Command R on Bedrock and SageMaker takes 0 to 1: see `aws/request-body.ts`.)
 *
 * @internal
 */
export const chatTemperature = lazySchema(() => z.number().min(0));

/**
 * `k`: top-k sampling, an integer from 0 (disabled) to 500.
 *
 * @internal
 */
export const topK = lazySchema(() => z.number().int().min(0).max(500));

/**
 * `p`: nucleus sampling, 0.01 to 0.99.
 *
 * @internal
 */
export const topP = lazySchema(() => z.number().min(0.01).max(0.99));

/**
 * `frequency_penalty` / `presence_penalty` where documented as 0 to 1.
 *
 * @internal
 */
export const penalty = lazySchema(() => z.number().min(0).max(1));

/**
 * `seed`: a non-negative integer (a safe one: a JSON number above 2^53 cannot be sent exactly).
 *
 * @internal
 */
export const seed = lazySchema(() => z.number().int().min(0));

/**
 * A count of tokens to generate or read (`max_tokens` of the chat endpoints, `max_input_tokens`):
 * an integer of at least 1.
 *
 * @internal
 */
export const tokenLimit = lazySchema(() => z.number().int().min(1));

/**
 * `stop_sequences` of both chat endpoints: "a list of up to 5 strings".
 *
 * @internal
 */
export const chatStopSequences = lazySchema(() => z.array(z.string()).max(5));

/**
 * `stream`: these are streaming bodies, so only `true` (or absent) is accepted.
 *
 * @internal
 */
export const streamFlag = lazySchema(() => opt(z.literal(true)));
