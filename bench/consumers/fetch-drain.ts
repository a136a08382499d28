/**
 * The transport's floor: `fetch` (the same request as baseline-raw) and a reader that only counts
 * the body's bytes. What every `fetch` consumer pays before it reads a single event; shown beside
 * the consumers, it judges none of them (the null consumer, `null-drain`, does).
 */
import { fetchChatBody, type Consume } from './consumer';

/** Drains the stream with `fetch`; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  const body = await fetchChatBody(url);
  const reader = body.getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    if (bytes === 0 && chunk.value.byteLength > 0) onFirstToken?.();
    bytes += chunk.value.byteLength;
  }
  return { bytes };
};
