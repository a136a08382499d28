/**
 * The events of the benchmark streams, as the services send them: a V2 chat (api.cohere.com)
 * and a V1 chat from Command R on Bedrock or SageMaker, each with `count` text deltas made of
 * {@link tokens}.
 */
import { tokens } from './tokens';

/** How many events a V2 chat stream has besides its content deltas. */
export const V2_OTHER_EVENTS = 4;

/** How many events an AWS chat stream has besides its text deltas (`stream-end`). */
export const AWS_OTHER_EVENTS = 1;

/**
 * The V2 chat events of one answer: `message-start`, `content-start`, `count` × `content-delta`,
 * `content-end`, `message-end` with usage.
 *
 * @param count How many content deltas.
 * @returns The events, in order.
 */
export function* v2ChatEvents(count: number): Generator<object> {
  yield { type: 'message-start', id: 'bench', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } };
  yield { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } };
  for (const text of tokens(count)) yield { type: 'content-delta', index: 0, delta: { message: { content: { text } } } };
  yield { type: 'content-end', index: 0 };
  yield {
    type: 'message-end',
    delta: { finish_reason: 'COMPLETE', usage: { billed_units: { input_tokens: 5, output_tokens: count }, tokens: { input_tokens: 9, output_tokens: count } } },
  };
}

/**
 * The V1 chat events of one Command R answer on Bedrock or SageMaker: `count` ×
 * `text-generation`, then `stream-end` with the whole response (as Bedrock sends it, with its
 * invocation metrics).
 *
 * @param count How many text deltas.
 * @returns The events, in order.
 */
export function* awsChatEvents(count: number): Generator<object> {
  let text = '';
  for (const token of tokens(count)) {
    text += token;
    yield { event_type: 'text-generation', is_finished: false, text: token };
  }
  yield {
    event_type: 'stream-end',
    is_finished: true,
    finish_reason: 'COMPLETE',
    response: { response_id: 'bench', generation_id: 'bench-generation', text, finish_reason: 'COMPLETE' },
    'amazon-bedrock-invocationMetrics': { inputTokenCount: 9, outputTokenCount: count, invocationLatency: 1000, firstByteLatency: 100 },
  };
}
