/**
 * What every benchmark consumer is: a function that reads one whole stream and returns its
 * text (a null consumer: how many bytes it read), and can report when the first piece of text
 * (the first bytes) arrived.
 */
import { identity, tap, type MonoTypeOperatorFunction } from 'rxjs';

/** What a consumer returns: the answer's text, or, for a null consumer, how many bytes of the body it read. */
export type Consumed = string | { readonly bytes: number };

/**
 * Reads the whole stream behind `url` and returns its text.
 *
 * @param url For api.cohere.com consumers, the base URL (`/v2/chat` is appended); for AWS
 *   consumers, the endpoint with the model id or endpoint name as its path.
 * @param onFirstToken Called once, when the first piece of text (a null consumer: the first
 *   bytes) reaches the consumer.
 * @returns The concatenated text of the answer, or the number of bytes read.
 */
export type Consume = (url: string, onFirstToken?: () => void) => Promise<Consumed>;

/** The API key the consumers send (the loopback server does not check it). */
export const TOKEN = 'bench-key';

/** The V2 chat request every api.cohere.com consumer sends. */
export const CHAT_BODY = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Write a long story' }] };

/**
 * Calls `onFirstToken` on the first value that `hasText` accepts; nothing at all without a callback.
 *
 * @param onFirstToken The callback, if the first token is watched.
 * @param hasText Whether a value carries text.
 * @returns A pass-through operator.
 */
export function watchFirstToken<T>(onFirstToken: (() => void) | undefined, hasText: (value: T) => boolean): MonoTypeOperatorFunction<T> {
  if (onFirstToken === undefined) return identity;
  let seen = false;
  return tap((value) => {
    if (seen || !hasText(value)) return;
    seen = true;
    onFirstToken();
  });
}

/**
 * Sends the V2 chat request of the `fetch` consumers (baseline-raw, fetch-drain) and returns its
 * body, for the caller to read.
 *
 * @param url The base URL (`/v2/chat` is appended).
 * @returns The response body.
 * @throws Error for an HTTP error status or an answer without a body.
 */
export async function fetchChatBody(url: string): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(`${url}/v2/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ ...CHAT_BODY, stream: true }),
  });
  if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
  return response.body;
}
