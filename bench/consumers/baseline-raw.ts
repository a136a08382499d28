/**
 * The raw baseline: `fetch`, one streaming `TextDecoder`, eventsource-parser, `JSON.parse` of
 * each event and string concatenation of the content deltas. No validation, no Observables.
 */
import { createParser } from 'eventsource-parser';
import { fetchChatBody, type Consume } from './consumer';

/** The part of a V2 chat event the baseline reads. */
interface DeltaShape {
  readonly type: string;
  readonly delta?: { readonly message?: { readonly content?: { readonly text?: string } } };
}

/** Reads the stream with the raw baseline; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  const body = await fetchChatBody(url);
  let first = onFirstToken;
  let text = '';
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const value = JSON.parse(event.data) as DeltaShape;
      if (value.type !== 'content-delta') return;
      const piece = value.delta?.message?.content?.text ?? '';
      if (first !== undefined && piece !== '') {
        first();
        first = undefined;
      }
      text += piece;
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) parser.feed(decoder.decode(chunk.value, { stream: true }));
  parser.feed(decoder.decode());
  return text;
};
