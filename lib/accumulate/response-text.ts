/**
 * The answer text of a chat, whatever holds it: a V2 `ChatResponse` or snapshot (its text
 * blocks, thinking left out), a V1 `Chat` or snapshot (its `text`).
 *
 * @module
 */
import type { ChatResponse } from '../decoding/schemas/chat-response';
import type { Chat } from '../models/index';
import type { ChatV1Snapshot } from './chat-v1-reducer';
import type { ChatSnapshot } from './chat-v2-reducer';

/**
 * The answer text of a chat: the `text` of a V2 response's or snapshot's text blocks, joined in
 * order (thinking blocks left out), or a V1 `Chat`'s or snapshot's `text`.
 *
 * ## Example
 *
 * ```ts
 * import { map } from 'rxjs';
 * import { chatSnapshots, chatStream, responseText } from 'cohere-rx';
 *
 * const text$ = chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }).pipe(
 *   chatSnapshots(),
 *   map(responseText),
 * );
 * ```
 *
 * @param value A `ChatResponse`, a `ChatSnapshot`, a `Chat` or a `ChatV1Snapshot`.
 * @returns Its answer text (`''` when it has none yet).
 */
export function responseText(value: ChatResponse | ChatSnapshot | Chat | ChatV1Snapshot): string {
  if ('message' in value) {
    let text = '';
    for (const block of value.message.content ?? []) if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
    return text;
  }
  return value.text ?? '';
}
