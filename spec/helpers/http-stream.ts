import type { Observable } from 'rxjs';
import type { CohereRequestBodies, FromCohereOptions } from '../../lib/index';
import { chatV2Event } from '../../lib/testing/index';
import type { Settled } from './settle';

/** A minimal valid V2 chat request body. */
export const chatBody: CohereRequestBodies['v2/chat'] = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };

/** The JSON text of V2 chat events, for scripted server answers. */
export const START = JSON.stringify(chatV2Event.start('m1'));
export const END = JSON.stringify(chatV2Event.end());
export const delta = (text: string) => JSON.stringify(chatV2Event.text(text));

/** Subscribes and waits until the Observable errors or completes: its values, and its error or that it completed. */
export function outcome<T>(source: Observable<T>): Promise<Settled<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    source.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error, completed: false }),
      complete: () => resolve({ values, error: undefined, completed: true }),
    });
  });
}

/** The HTTP client of the spec run: `fetch` in the `fetch` project of jest.config.ts (spec/setup/over-fetch.ts), else the transport's default. */
const overFetch: FromCohereOptions = process.env['COHERE_RX_SPEC_CLIENT'] === 'fetch' ? { fetch: (input, init) => fetch(input, init) } : {};

/**
 * Options for a test request: the key, the test server, fast retries (2, 5-20 ms apart) and 5 s
 * limits, the client of the run, then `extra`.
 */
export function testOptions(server: { readonly baseUrl: string }, token: string, extra: FromCohereOptions = {}): FromCohereOptions {
  return {
    ...overFetch,
    token,
    baseUrl: server.baseUrl,
    retry: { count: 2, baseDelayMs: 5, maxDelayMs: 20 },
    timeouts: { headersMs: 5000, firstFrameMs: 5000, idleMs: 5000 },
    ...extra,
  };
}
