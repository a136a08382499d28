/**
 * The null consumer: one `node:http` request and its body's bytes counted. No decoding, no
 * parsing, no `fetch`: what the server and the loopback deliver. A stream setting is reported
 * only when this ran at least 3× faster than the fastest real consumer (see
 * `runner/headroom.ts`).
 */
import { request } from 'node:http';
import { CHAT_BODY, TOKEN, type Consume } from './consumer';

/**
 * Sends a POST with `node:http` and counts the bytes of the answer's body.
 *
 * @param url Where to send it.
 * @param body The request body.
 * @param headers The request headers.
 * @param onFirstBytes Called once, when the first bytes of the body arrive.
 * @returns How many bytes the body had.
 * @throws Error when the status is not 200, or the exchange fails.
 */
export function drainHttp(url: string, body: string, headers: Record<string, string>, onFirstBytes?: () => void): Promise<{ bytes: number }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`HTTP ${response.statusCode}`));
        return;
      }
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        if (bytes === 0 && chunk.length > 0) onFirstBytes?.();
        bytes += chunk.length;
      });
      response.on('end', () => resolve({ bytes }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Drains the stream with the same request as baseline-raw; see {@link Consume}. */
export const consume: Consume = (url, onFirstToken) =>
  drainHttp(
    `${url}/v2/chat`,
    JSON.stringify({ ...CHAT_BODY, stream: true }),
    { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${TOKEN}` },
    onFirstToken,
  );
