import type { Observable } from 'rxjs';
import type { CohereRequestBodies } from '../../lib/index';

/** A minimal valid V2 chat request body. */
export const chatBody: CohereRequestBodies['v2/chat'] = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };

/** The JSON text of V2 chat events, for scripted server answers. */
export const START = JSON.stringify({ type: 'message-start', id: 'm1', delta: { message: { role: 'assistant' } } });
export const END = JSON.stringify({ type: 'message-end', delta: { finish_reason: 'COMPLETE' } });
export const delta = (text: string) => JSON.stringify({ type: 'content-delta', index: 0, delta: { message: { content: { text } } } });

/** What a stream delivered before its error (or completion). */
export function outcome<T>(source: Observable<T>): Promise<{ values: T[]; error: unknown }> {
  const values: T[] = [];
  return new Promise((resolve) => {
    source.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => resolve({ values, error }),
      complete: () => resolve({ values, error: undefined }),
    });
  });
}
