import { from, type Observable } from 'rxjs';
import { chatV1, chatV2, decodeEvents, jsonFrames, sseFrames } from '../../lib/index';

const encoder = new TextEncoder();

/** Delivers chunks asynchronously, as a response body does. */
async function* body(chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) {
    await new Promise((resolve) => setImmediate(resolve));
    yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
  }
}

const v1 = (chunks: (string | Uint8Array)[], options = {}) => from(body(chunks)).pipe(jsonFrames(options), decodeEvents(chatV1));
const v2 = (chunks: (string | Uint8Array)[], options = {}) => from(body(chunks)).pipe(sseFrames(options), decodeEvents(chatV2));
type Outcome = { events: string[]; error?: Record<string, string> };

function outcome(stream: Observable<object>): Promise<Outcome> {
  const events: string[] = [];
  return new Promise((resolve) =>
    stream.subscribe({
      next: (e) => events.push((e as { type?: string }).type ?? (e as { event_type: string }).event_type),
      error: (error: unknown) => {
        const { name, reason, eventType, path } = error as Record<string, string>;
        resolve({ events, error: JSON.parse(JSON.stringify({ name, reason, eventType, path })) as Record<string, string> });
      },
      complete: () => resolve({ events }),
    }),
  );
}

const start = '{"event_type":"stream-start","generation_id":"g"}\n';
const text = '{"event_type":"text-generation","text":"Hi"}\n';

describe('bad input: every case ends with its documented typed outcome, never a hang', () => {
  test.each([
    ['truncated JSON at the end (JSON lines)', v1([start, '{"event_type":"text-gen']), { name: 'DecodeError', reason: 'truncated' }],
    ['truncated JSON at the end (SSE)', v2(['data: {"type":"message-start"}\n\n', 'data: {"type":"content-del']), { name: 'DecodeError', reason: 'truncated' }],
    ['a non-JSON line', v1([start, 'Internal Server Error\n', text]), { name: 'DecodeError', reason: 'invalid-json' }],
    ['a wrong-typed field', v1([start, '{"event_type":"text-generation","text":5}\n']), { name: 'SchemaError', eventType: 'text-generation', path: 'text' }],
    [
      'a frame over the cap with no end in sight',
      v1([start, `{"text":"${'x'.repeat(300)}`, 'x'.repeat(300)], { maxFrameSize: 256 }),
      { name: 'DecodeError', reason: 'frame-too-large' },
    ],
    [
      'an SSE event over the cap',
      v2(['data: {"type":"message-start"}\n\n', `data: ${'x'.repeat(600)}`], { maxFrameSize: 256 }),
      { name: 'DecodeError', reason: 'frame-too-large' },
    ],
    ['invalid UTF-8', v1([start, new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x7d])]), { name: 'DecodeError', reason: 'invalid-utf8' }],
  ])('%s: a typed error after the good events', async (name, stream, expected) => {
    expect(await outcome(stream)).toEqual({ events: [name.includes('SSE') ? 'message-start' : 'stream-start'], error: expected });
  });

  test('a whole last SSE event without its closing blank line is delivered, not reported as truncated', async () => {
    expect(await outcome(v2(['data: {"type":"message-start"}\n\n', 'data: {"type":"message-end"}']))).toEqual({ events: ['message-start', 'message-end'] });
  });

  test('an unknown event type is skipped and the stream goes on', async () => {
    expect(await outcome(v1([start, '{"event_type":"brand-new"}\n', text]))).toEqual({ events: ['stream-start', 'text-generation'] });
  });

  test('an empty stream completes with no events (completeness is judged by the accumulating operators)', async () => {
    expect(await outcome(v1([]))).toEqual({ events: [] });
    expect(await outcome(v2(['', ': comment only\n\n']))).toEqual({ events: [] });
  });
});
