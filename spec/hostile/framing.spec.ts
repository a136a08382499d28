/**
 * What a server can do to the framing: line endings that hold an event back, byte-order marks
 * and other invisible characters that would turn a `data:` line into an ignored field, NULs and
 * lines longer than the cap, at every split of the bytes and over a real connection.
 */
import { firstValueFrom, from, lastValueFrom, Subject, timeout, toArray, type Observable } from 'rxjs';
import {
  accumulateChat,
  chatStream,
  chatStreamV1,
  DecodeError,
  IncompleteStreamError,
  jsonFrames,
  sseFrames,
  type ChatSnapshot,
  type ChatV2Event,
} from '../../lib/index';
import { chatV2Events, JSON_LINES_CONTENT_TYPE, splitEveryByte, streams } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, outcome, testOptions } from '../helpers/http-stream';

const server = useMockServer();
const utf8 = new TextEncoder();

const events: ChatV2Event[] = chatV2Events({ text: ['Hé', 'llo'] });
const jsonOf = events.map((event) => JSON.stringify(event));

/** The SSE text of `events` with line ending `nl`, and where each event's closing blank line starts (in bytes). */
function sse(nl: string, list: readonly string[] = jsonOf): { text: string; blankAt: number[] } {
  let text = '';
  const blankAt: number[] = [];
  for (const json of list) {
    const type = (JSON.parse(json) as { type: string }).type;
    text += `event: ${type}${nl}data: ${json}${nl}`;
    blankAt.push(utf8.encode(text).length);
    text += nl;
  }
  return { text, blankAt };
}

/** The frames a framing operator emits for `chunks` fed one by one, without completing the source. */
function framesSoFar(operator: (source: Observable<string | Uint8Array>) => Observable<string>, chunks: readonly (string | Uint8Array)[]): string[] {
  const source = new Subject<string | Uint8Array>();
  const frames: string[] = [];
  const subscription = operator(source).subscribe({ next: (frame) => frames.push(frame), error: () => undefined });
  for (const chunk of chunks) source.next(chunk);
  subscription.unsubscribe();
  return frames;
}

const settle = <T>(source: Observable<T>) => outcome(source);

describe('a complete blank line dispatches its event at once, whatever the line endings', () => {
  test.each([
    ['CR', '\r'],
    ['CRLF', '\r\n'],
    ['LF', '\n'],
  ])('%s: after every prefix of the bytes, exactly the events whose blank line has begun are out', (_name, nl) => {
    const { text, blankAt } = sse(nl);
    const bytes = utf8.encode(text);
    const wrong: number[] = [];
    for (let end = 0; end <= bytes.length; end++) {
      const expected = blankAt.filter((at) => at < end).length;
      if (framesSoFar(sseFrames(), [bytes.subarray(0, end)]).length !== expected) wrong.push(end);
    }
    expect(wrong).toEqual([]);
  });

  test.each([
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ])('%s: a split at every byte, and one byte per chunk, give the frames of one chunk', async (_name, nl) => {
    const bytes = utf8.encode(`${sse(nl).text}data: [DONE]${nl}${nl}`);
    const differing: number[] = [];
    for (let at = 1; at < bytes.length; at++) {
      const frames = await lastValueFrom(from([bytes.subarray(0, at), bytes.subarray(at)]).pipe(sseFrames(), toArray()));
      if (JSON.stringify(frames) !== JSON.stringify(jsonOf)) differing.push(at);
    }
    expect(differing).toEqual([]);
    expect(await lastValueFrom(from(splitEveryByte([bytes])).pipe(sseFrames(), toArray()))).toEqual(jsonOf);
  });

  test('CR-only data: [DONE] completes the stream at once, without another byte', () => {
    const source = new Subject<string>();
    let completed = false;
    const subscription = source.pipe(sseFrames()).subscribe({ complete: () => (completed = true) });
    source.next('data: {"a":1}\r\rdata: [DONE]\r\r');
    expect(completed).toBe(true);
    subscription.unsubscribe();
  });

  test('over a connection that stays open, a CR-only stream ending in message-end\\r\\r gives its answer at once', async () => {
    server.reply(streams(sse('\r').text, { then: 'stall' }));
    const started = Date.now();
    const response = await firstValueFrom(
      chatStream(chatBody, testOptions(server, 'token', { timeouts: { idleMs: 5000 } })).pipe(accumulateChat(), timeout({ first: 3000 })),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(response.message.content).toEqual([{ type: 'text', text: 'Héllo' }]);
  });
});

describe('a damaged data field is reported, never dropped', () => {
  const [start, contentStart, first, second, ...rest] = jsonOf;
  /** The stream with the data line of `second` given `prefix` instead of "data". */
  const damaged = (field: string) =>
    `${sse('\n', [start ?? '', contentStart ?? '', first ?? '']).text}${field}: ${second}\n\n${sse('\n', rest).text}data: [DONE]\n\n`;

  test.each([
    ['a byte-order mark', '\uFEFFdata'],
    ['two byte-order marks', '\uFEFF\uFEFFdata'],
    ['a NUL', '\u0000data'],
    ['a space', ' data'],
    ['a zero-width space inside', 'da\u200Bta'],
    ['another case', 'Data'],
  ])('a data field with %s: a DecodeError invalid-sse after the frames before it', (_name, field) => {
    const all = [] as string[];
    let error: unknown;
    from([damaged(field)])
      .pipe(sseFrames())
      .subscribe({ next: (frame) => all.push(frame), error: (e: unknown) => (error = e) });
    expect(all).toEqual([start, contentStart, first]);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ reason: 'invalid-sse' });
    expect((error as Error).message).toContain('damaged "data" field');
    expect((error as DecodeError).frame).toContain(second);
  });

  test('the message shows the invisible character', () => {
    let error: unknown;
    from([damaged('\uFEFFdata')])
      .pipe(sseFrames())
      .subscribe({ error: (e: unknown) => (error = e) });
    expect((error as Error).message).toContain('"\\ufeffdata"');
  });

  test('a byte-order mark before a data line is reported at every split of the bytes', async () => {
    const bytes = utf8.encode(damaged('\uFEFFdata'));
    const missed: number[] = [];
    for (let at = 1; at < bytes.length; at++) {
      const error = await lastValueFrom(from([bytes.subarray(0, at), bytes.subarray(at)]).pipe(sseFrames())).catch((e: unknown) => e);
      if (!(error instanceof DecodeError) || error.reason !== 'invalid-sse') missed.push(at);
    }
    expect(missed).toEqual([]);
  });

  test('unknown fields, comments, id and retry are still ignored, as the SSE standard says', async () => {
    const text = `: a comment\nid: 7\nretry: 100\nfoo: bar\n${sse('\n').text}data: [DONE]\n\n`;
    expect(await lastValueFrom(from([text]).pipe(sseFrames(), toArray()))).toEqual(jsonOf);
  });

  test('a byte-order mark or a NUL inside the data is malformed JSON, reported by the decoder', async () => {
    for (const data of [`\uFEFF${second}`, `${second}\u0000`]) {
      server.reply(streams(`${sse('\n', [start ?? '', contentStart ?? '', first ?? '']).text}data: ${data}\n\n${sse('\n', rest).text}`));
      const { error } = await settle(chatStream(chatBody, testOptions(server, 'token')).pipe(accumulateChat()));
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect((error as Error).cause).toMatchObject({ name: 'DecodeError', reason: 'invalid-json' });
    }
  });

  test('over a connection, a byte-order mark before a delta is an IncompleteStreamError with the text before it, not a short success', async () => {
    server.reply(streams(damaged('\uFEFFdata')));
    const { values, error } = await settle(chatStream(chatBody, testOptions(server, 'token')).pipe(accumulateChat()));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toMatchObject({ type: 'text', text: 'Hé' });
    expect((error as Error).cause).toMatchObject({ name: 'DecodeError', reason: 'invalid-sse' });
  });

  test('JSON lines with a byte-order mark or a NUL before a document report it as malformed JSON', async () => {
    const lines = ['{"event_type":"stream-start","generation_id":"g"}', '{"event_type":"text-generation","text":"Hi"}', '{"event_type":"stream-end"}'];
    for (const stray of ['\uFEFF', '\u0000']) {
      const frames = await lastValueFrom(from([`${lines[0]}\n${stray}${lines[1]}\n${lines[2]}\n`]).pipe(jsonFrames(), toArray()));
      expect(frames).toEqual([lines[0], `${stray}${lines[1]}`, lines[2]]);
      server.reply(streams(`${lines[0]}\n${stray}${lines[1]}\n${lines[2]}\n`, { contentType: JSON_LINES_CONTENT_TYPE }));
      const { error: streamError } = await settle(chatStreamV1({ message: 'Hi' }, testOptions(server, 'token')).pipe(accumulateChat()));
      expect(streamError).toBeInstanceOf(IncompleteStreamError);
      expect((streamError as Error).cause).toMatchObject({ name: 'DecodeError', reason: 'invalid-json', frameIndex: 1 });
    }
  });
});

describe('lines longer than the cap', () => {
  test.each([
    ['a comment', ': '],
    ['an event name', 'event: '],
    ['an unknown field', 'x-padding: '],
    ['a line with no colon', 'z'],
  ])('%s that never ends is a frame-too-large error, not unbounded memory', (_name, prefix) => {
    const frames = [] as string[];
    let error: unknown;
    const source = new Subject<string>();
    source.pipe(sseFrames({ maxFrameSize: 100 })).subscribe({ next: (frame) => frames.push(frame), error: (e: unknown) => (error = e) });
    source.next('data: {"a":1}\n\n');
    source.next(prefix);
    for (let i = 0; i < 200 && error === undefined; i++) source.next('x'.repeat(1000));
    expect(frames).toEqual(['{"a":1}']);
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'frame-too-large' });
  });

  test('a JSON line that never ends is a frame-too-large error too', () => {
    let error: unknown;
    const source = new Subject<string>();
    source.pipe(jsonFrames({ maxFrameSize: 100 })).subscribe({ error: (e: unknown) => (error = e) });
    source.next('{"text":"');
    for (let i = 0; i < 200 && error === undefined; i++) source.next('x'.repeat(1000));
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'frame-too-large' });
  });

  test('a start event at the cap still frames (the cap is on the data, not the field names)', async () => {
    const data = `{"type":"message-start","id":"${'x'.repeat(60)}"}`;
    expect(await lastValueFrom(from([`event: message-start\ndata: ${data}\n\n`]).pipe(sseFrames({ maxFrameSize: data.length }), toArray()))).toEqual([data]);
  });
});
