/**
 * The `unknownFields` option of the transports: what happens to a member of a request body that
 * Cohere's API reference does not list, such as `maxTokens` for `max_tokens`.
 *
 * @module
 */
import type { z } from 'zod';
import { schemaIssues } from '../decoding/issues';
import type { SchemaIssue } from '../errors/index';
import { choiceOption } from '../errors/options';
import { passesQuickCheck } from './quick-checks';

/**
 * What a transport does with a member of a request body that Cohere's API reference does not
 * list (at any depth: the body, a message, a content block, a tool, a document's envelope,
 * `response_format`):
 *
 * - `'reject'` (the default): the body is a `RequestValidationError` naming each such member and
 *   the known member it most likely meant (`maxTokens` → `max_tokens`), and nothing is sent;
 * - `'send'`: such members are sent as they are, for a parameter the API added after this
 *   version of cohere-rx. Every other check still applies.
 */
export type UnknownFields = 'reject' | 'send';

const CHOICES: readonly UnknownFields[] = ['reject', 'send'];

/**
 * The value of the `unknownFields` option: `'reject'` when it is not given.
 *
 * @throws `InvalidOptionError` for any value but `'reject'` and `'send'`.
 * @internal
 */
export function unknownFieldsOption(value: unknown): UnknownFields {
  return choiceOption('unknownFields', value, CHOICES, 'reject');
}

/**
 * Every way a request body breaks its endpoint's schema; members the schema does not list count
 * only when `unknownFields` is `'reject'`. A plain body (a model and text messages) passes its
 * quick check and needs no schema built.
 *
 * @internal
 */
export function requestIssues(schema: z.ZodType, body: unknown, unknownFields: UnknownFields): SchemaIssue[] {
  if (passesQuickCheck(schema, body)) return [];
  return schemaIssues(schema, body, unknownFields === 'send' ? 'ignore' : 'report');
}
