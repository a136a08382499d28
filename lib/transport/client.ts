/**
 * `createCohere`: the api.cohere.com functions bound to defaults (a key, a base URL, retries,
 * timeouts, hooks), each call's options merged over them.
 *
 * @module
 */
import { chatStream, chatStreamV1, generateStream, type CohereStreamOptions } from './conveniences';
import { fromCohere, transportSettings } from './from-cohere';
import { mergeOptions } from './merge-options';

/** What {@link createCohere} returns: the free functions of the same names, with the client's defaults. */
export interface CohereClient {
  /** {@link fromCohere} with the client's defaults under the call's options. */
  readonly fromCohere: typeof fromCohere;
  /** {@link chatStream} with the client's defaults under the call's options. */
  readonly chatStream: typeof chatStream;
  /** {@link chatStreamV1} with the client's defaults under the call's options. */
  readonly chatStreamV1: typeof chatStreamV1;
  /** {@link generateStream} with the client's defaults under the call's options. */
  readonly generateStream: typeof generateStream;
}

/**
 * A client with defaults: `fromCohere`, `chatStream`, `chatStreamV1` and `generateStream` with
 * the signatures of the free functions, each call's options merged over `defaults`.
 *
 * 1. **Merging.** An option a call gives replaces the default; an option it leaves out (or
 *    gives as `undefined`) keeps it. `retry`, `timeouts` and `headers` merge member by member:
 *    `{ timeouts: { idleMs: 5000 } }` on a call keeps the client's other limits, and a call's
 *    header replaces the client's of the same name (names ignore case). Every other option
 *    (`token`, `baseUrl`, `fetch`, `signal`, `redirects`, `maxFrameSize`, `onUnknownEvent`, the
 *    hooks) is replaced whole.
 * 2. **Checks.** The defaults are checked once, here, as each call's options are at the call:
 *    a value out of range is an `InvalidOptionError` from `createCohere`.
 * 3. **Nothing shared.** The client holds no connection and no state: each call is what the
 *    free function with the merged options would be (a cold Observable, one request per
 *    subscription). The key is still read from `CO_API_KEY` or `COHERE_API_KEY` at
 *    subscription when neither the client nor the call gives `token`.
 *
 * ## Example
 *
 * ```ts
 * import { accumulateChat, createCohere } from 'cohere-rx';
 *
 * const cohere = createCohere({
 *   baseUrl: 'https://gateway.example.com/cohere',
 *   headers: { 'X-Team': 'search' },
 *   timeouts: { idleMs: 30_000, totalMs: 120_000 },
 *   retry: { count: 3 },
 * });
 *
 * cohere
 *   .chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }, { timeouts: { idleMs: 10_000 } })
 *   .pipe(accumulateChat())
 *   .subscribe((response) => console.log(response.message.content));
 * ```
 *
 * @param defaults The options every call starts from.
 * @returns The four functions, bound to `defaults`.
 * @throws `InvalidOptionError` for a default out of its range.
 */
export function createCohere(defaults: CohereStreamOptions = {}): CohereClient {
  transportSettings(defaults);
  return {
    fromCohere: (endpoint, body, options) => fromCohere(endpoint, body, mergeOptions<CohereStreamOptions>(defaults, options)),
    chatStream: (body, options) => chatStream(body, mergeOptions(defaults, options)),
    chatStreamV1: (body, options) => chatStreamV1(body, mergeOptions(defaults, options)),
    generateStream: (body, options) => generateStream(body, mergeOptions(defaults, options)),
  };
}
