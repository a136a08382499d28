import { from, lastValueFrom, Observable, toArray } from 'rxjs';
import { DecodeError, sseFrames } from '../../lib/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

const encode = (text: string) => new TextEncoder().encode(text);
const frames = (...chunks: (string | Uint8Array)[]) => lastValueFrom(from(chunks).pipe(sseFrames(), toArray()));

describe('sseFrames', () => {
  test('emits the data of each event, whatever the line endings', async () => {
    const lf = 'event: a\ndata: {"n":1}\n\ndata: {"n":2}\n\n';
    expect(await frames(lf)).toEqual(['{"n":1}', '{"n":2}']);
    expect(await frames(lf.replace(/\n/g, '\r\n'))).toEqual(['{"n":1}', '{"n":2}']);
    expect(await frames(lf.replace(/\n/g, '\r'))).toEqual(['{"n":1}', '{"n":2}']);
  });

  test('a CRLF split across two chunks is one line ending', async () => {
    expect(await frames('data: {"n":1}\r', '\n\r', '\ndata: {"n":2}\r\n\r\n')).toEqual(['{"n":1}', '{"n":2}']);
  });

  test('joins multi-line data with a newline', async () => {
    expect(await frames('data: {"a":\ndata: 1}\n\n')).toEqual(['{"a":\n1}']);
  });

  test('ignores comments, id, retry, event and unknown fields, and skips events with empty data', async () => {
    const text = ': keep-alive\n\nid: 7\nretry: 10\nevent: ping\n\nfoo: bar\ndata: {"n":1}\n\n';
    expect(await frames(text)).toEqual(['{"n":1}']);
  });

  test('emits a last event that has no closing blank line when the source completes', async () => {
    expect(await frames('data: {"n":1}\n\ndata: {"n":2}')).toEqual(['{"n":1}', '{"n":2}']);
  });

  test('completes at data that is exactly [DONE] after trimming, and reads nothing after it', async () => {
    expect(await frames('data: {"n":1}\n\ndata:  [DONE] \n\ndata: {"n":2}\n\n')).toEqual(['{"n":1}']);
  });

  test('[DONE] inside a JSON text is an ordinary frame', async () => {
    const delta = '{"type":"content-delta","delta":{"message":{"content":{"text":" [DONE]"}}}}';
    expect(await frames(`data: ${delta}\n\ndata: {"n":2}\n\n`)).toEqual([delta, '{"n":2}']);
  });

  test('unsubscribes from the source at [DONE], delivering the frames before it', async () => {
    let unsubscribed = false;
    const source = new Observable<string>((subscriber) => {
      subscriber.next('data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n');
      return () => (unsubscribed = true);
    });
    expect(await lastValueFrom(source.pipe(sseFrames(), toArray()))).toEqual(['{"n":1}', '{"n":2}']);
    expect(unsubscribed).toBe(true);
  });

  test('decodes a multi-byte character split across byte chunks', async () => {
    const bytes = encode('data: {"t":"日本🙂"}\n\n');
    const cut = bytes.indexOf(0xf0) + 2; // inside the 4-byte emoji
    expect(await frames(bytes.slice(0, 13), bytes.slice(13, cut), bytes.slice(cut))).toEqual(['{"t":"日本🙂"}']);
  });

  test('bytes that are not UTF-8 are a DecodeError with reason invalid-utf8', async () => {
    const error = await frames(encode('data: {"n":1}\n\n'), new Uint8Array([0x64, 0x61, 0xff, 0x0a])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'invalid-utf8' });
  });

  test('a character cut off at the end of the stream is invalid UTF-8', async () => {
    const error = await frames(encode('data: {"n":1}\n\n'), new Uint8Array([0xe6, 0x97])).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'invalid-utf8' });
  });

  test('an event larger than maxFrameSize is a DecodeError, after the frames before it', () => {
    const big = `data: {"t":"${'x'.repeat(200)}"}\n\n`;
    const { values: seen, error } = settle(from(['data: {"n":1}\n\n', big.slice(0, 100), big.slice(100)]).pipe(sseFrames({ maxFrameSize: 64 })));
    expect(seen).toEqual(['{"n":1}']);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ reason: 'frame-too-large' });
  });

  test('the cap is exact however the event is chunked', async () => {
    const atCap = `data: ${'x'.repeat(10)}\n\n`;
    expect(await lastValueFrom(from([atCap]).pipe(sseFrames({ maxFrameSize: 10 }), toArray()))).toEqual(['x'.repeat(10)]);
    expect(await lastValueFrom(from([atCap.slice(0, 16), atCap.slice(16)]).pipe(sseFrames({ maxFrameSize: 10 }), toArray()))).toEqual(['x'.repeat(10)]);
    const over = await lastValueFrom(from([`data: ${'x'.repeat(11)}`, '\n\n']).pipe(sseFrames({ maxFrameSize: 10 }))).catch((e: unknown) => e);
    expect(over).toMatchObject({ reason: 'frame-too-large' });
  });

  test('skips a leading byte-order mark in text or bytes', async () => {
    expect(await frames('\uFEFFdata: {"a":1}\n\ndata: {"b":2}\n\n')).toEqual(['{"a":1}', '{"b":2}']);
    expect(await frames(encode('\uFEFFdata: {"a":1}\n\n'))).toEqual(['{"a":1}']);
  });

  test('JSON lines given to sseFrames are a DecodeError saying so, not a silent empty stream', async () => {
    const error = await frames('{"type":"message-start","id":"x"}\n{"type":"message-end"}\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ reason: 'not-sse', frame: '{"type":"message-start","id":"x"}' });
    expect((error as Error).message).toMatch(/Accept: text\/event-stream.*jsonFrames\(\)/);
  });

  test('frames before an invalid byte in the same chunk are delivered first', () => {
    const { values: seen, error } = settle(from([new Uint8Array([...encode('data: {"n":1}\n\ndata: {"n":2}\n\n'), 0xff])]).pipe(sseFrames()));
    expect(seen).toEqual(['{"n":1}', '{"n":2}']);
    expect(error).toMatchObject({ reason: 'invalid-utf8' });
  });

  test('each subscription has its own parser state', async () => {
    const source = from(['data: {"n"', ':1}\n\n']).pipe(sseFrames());
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual(['{"n":1}']);
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual(['{"n":1}']);
  });

  describe('marbles', () => {
    const values = { a: 'data: {"n"', b: ':1}\n\n', c: 'data: [DONE]\n\n', d: 'data: {"n":2}\n\n' };
    const out = { x: '{"n":1}', y: '{"n":2}' };

    test('values across chunks, then complete', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-d-|', values);
        expectObservable(source.pipe(sseFrames())).toBe('---x-y-|', out);
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    test('[DONE] completes and unsubscribes the source', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-|', values);
        expectObservable(source.pipe(sseFrames())).toBe('---x-|', out);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    marbleChecklist<string | Uint8Array, string>({
      operator: () => sseFrames(),
      values,
      out,
      error: { source: '-d-#', expected: '-y-#' },
      empty: { is: 'completes without frames', cases: [{ source: '|', expected: '|' }] },
      unsubscribe: { source: '-d-d-d-|', at: '^--!', expected: '-y--' },
    });
  });

  operatorChecklist<string | Uint8Array>(sseFrames, (i) => `data: {"n":${i}}\n\n`, new Uint8Array([0xff]));
});
