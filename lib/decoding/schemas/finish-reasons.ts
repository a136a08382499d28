/**
 * The finish reasons each event family documents, as runtime values, and the ones that mean
 * the model failed. The schemas accept any string there (the API may add reasons); these lists
 * are what Cohere's reference and SDKs name today.
 *
 * @module
 */

/** V2 chat `message-end` `finish_reason` values. */
export const CHAT_V2_FINISH_REASONS = ['COMPLETE', 'STOP_SEQUENCE', 'MAX_TOKENS', 'TOOL_CALL', 'ERROR', 'TIMEOUT'] as const;

/** V1 chat and generate `finish_reason` values (responses, generations, `stream-error`). */
export const CHAT_V1_FINISH_REASONS = ['COMPLETE', 'STOP_SEQUENCE', 'ERROR', 'ERROR_TOXIC', 'ERROR_LIMIT', 'USER_CANCEL', 'MAX_TOKENS', 'TIMEOUT'] as const;

/** V1 chat `stream-end`'s own `finish_reason` values. */
export const CHAT_V1_STREAM_END_FINISH_REASONS = ['COMPLETE', 'ERROR_LIMIT', 'MAX_TOKENS', 'ERROR', 'ERROR_TOXIC'] as const;

/**
 * The finish reasons of each family, by protocol name. A V2 `ChatResponse`, a V1 `Chat` and a
 * generation carry one of these (or a newer value).
 */
export const FINISH_REASONS = {
  chatV2: CHAT_V2_FINISH_REASONS,
  chatV1: CHAT_V1_FINISH_REASONS,
  generate: CHAT_V1_FINISH_REASONS,
} as const;

/**
 * The finish reasons that mean the model failed, by protocol name: `ERROR` (and `TIMEOUT`) for
 * every family, and the V1 family's `ERROR_TOXIC` (the output was flagged) and `ERROR_LIMIT`
 * (the context limit was reached). `MAX_TOKENS`, `STOP_SEQUENCE` and `USER_CANCEL` end an answer
 * early but are not failures.
 */
export const ERROR_FINISH_REASONS = {
  chatV2: ['ERROR', 'TIMEOUT'],
  chatV1: ['ERROR', 'ERROR_TOXIC', 'ERROR_LIMIT', 'TIMEOUT'],
  generate: ['ERROR', 'ERROR_TOXIC', 'ERROR_LIMIT', 'TIMEOUT'],
} as const satisfies Record<keyof typeof FINISH_REASONS, readonly string[]>;

/**
 * Whether a finish reason of a family means the model failed.
 *
 * @internal
 */
export function isErrorFinish(family: keyof typeof ERROR_FINISH_REASONS, finishReason: string): boolean {
  return (ERROR_FINISH_REASONS[family] as readonly string[]).includes(finishReason);
}
