import { from, lastValueFrom, take, toArray } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatStream,
  chatStreamV1,
  chatV1,
  chatV2,
  createCohere,
  decodeEvents,
  fromCohere,
  generate,
  generateStream,
  IncompleteStreamError,
  InvalidOptionError,
  jsonFrames,
  recordCassette,
  RecordedStreamError,
  sseFrames,
  StreamTimeoutError,
  type ChatResponse,
} from '../../lib/index';
import {
  cassetteReply,
  chatV1Events,
  chatV2Events,
  endlessStream,
  fails,
  generateEvents,
  jsonLinesStream,
  readCassette,
  replayCassette,
  sseStream,
  toSseText,
} from '../../lib/testing/index';
import { cassetteText, chunkBytes, chunkLine, HEADER, joined, parsedLines } from '../helpers/cassettes';
import { chatBody, outcome, testOptions } from '../helpers/http-stream';
import { delay, useMockServer } from '../helpers/mock-server';

const KEY = 'sk-cassette-key-0123456789';
const CLIENT = process.env['COHERE_RX_SPEC_CLIENT'] === 'fetch' ? 'fetch' : 'node:http';
const v1Body = { model: 'command-r-plus', message: 'Hi' };
const generateBody = { model: 'command', prompt: 'Go' };

/** A recorder writing to an array, and the cassette's text so far. */
function recording() {
  const lines: string[] = [];
  const record = recordCassette((line) => lines.push(line));
  return { record, lines, text: () => joined(lines) };
}

const decoder = new TextDecoder();
/** The bytes of take 1's chunks, as one text. */
const bodyOf = (text: string, number = 1) =>
  chunkBytes(text, number)
    .map((bytes) => decoder.decode(bytes, { stream: true }))
    .join('');

describe(`recording api.cohere.com (${CLIENT})`, () => {
  const server = useMockServer();

  test("V2 chat: the header, each chunk's exact bytes with its time, the end; replayed, the same events and the same ChatResponse", async () => {
    const events = chatV2Events({ text: ['Hé', 'llo 😀 wörld'] });
    // Pieces of 7 bytes: documents and characters split between chunks, as a network may.
    server.reply(sseStream(events, { pieceSize: 7, headers: { 'x-request-id': 'req-42' } }));
    const { record, text } = recording();
    const live = await lastValueFrom(chatStream(chatBody, testOptions(server, KEY, { record })).pipe(toArray()));
    const lines = parsedLines(text());
    expect(lines[0]).toMatchObject({
      cassette: 1,
      take: 1,
      source: 'cohere',
      endpoint: 'v2/chat',
      protocol: 'chatV2',
      framing: 'sse',
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req-42' },
    });
    expect(bodyOf(text())).toBe(toSseText(events));
    const times = lines.slice(1).map((line) => line['t'] as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(lines.at(-1)).toEqual({ take: 1, t: expect.any(Number) as unknown, end: 'complete' });

    // Boundary for boundary: the replay emits the chunks as they were read.
    const replayedChunks = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(toArray()));
    expect(replayedChunks.map((bytes) => [...bytes])).toEqual(chunkBytes(text()).map((bytes) => [...bytes]));
    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), toArray()));
    expect(replayed).toEqual(live);
    const response = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()));
    expect(response).toEqual(await lastValueFrom(from(live).pipe(accumulateChat())));
  });

  test('V1 chat: JSON lines, protocol chatV1; replayed through jsonFrames, the same Chat', async () => {
    const events = chatV1Events({ text: ['Hello', ', wörld'] });
    server.reply(jsonLinesStream(events, { pieceSize: 11 }));
    const { record, text } = recording();
    const live = await lastValueFrom(chatStreamV1(v1Body, testOptions(server, KEY, { record })).pipe(toArray()));
    expect(readCassette(text()).header).toMatchObject({ endpoint: 'v1/chat', protocol: 'chatV1', framing: 'json', status: 200 });
    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), toArray()));
    expect(replayed).toEqual(live);
    const chat = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()));
    expect(chat).toEqual(await lastValueFrom(from(live).pipe(accumulateChat())));
  });

  test('generate: protocol generate; replayed, the same final GenerateStreamEnd', async () => {
    server.reply(
      jsonLinesStream(
        generateEvents({
          generations: [
            ['A', 'a'],
            ['B', 'b'],
          ],
        }),
      ),
    );
    const { record, text } = recording();
    const live = await lastValueFrom(generateStream(generateBody, testOptions(server, KEY, { record })).pipe(accumulateGenerate()));
    expect(readCassette(text()).header).toMatchObject({ endpoint: 'v1/generate', protocol: 'generate', framing: 'json' });
    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(generate), accumulateGenerate()));
    expect(replayed).toEqual(live);
  });

  test('answered by the mock server from the cassette, the client gets the same events again', async () => {
    server.reply(sseStream(chatV2Events({ text: ['Once', ' more'], citations: [{ start: 0, end: 4, text: 'Once' }] }), { pieceSize: 9 }));
    const { record, text } = recording();
    const live = await lastValueFrom(chatStream(chatBody, testOptions(server, KEY, { record })).pipe(toArray()));
    server.reply(cassetteReply(text(), { speed: Infinity }));
    expect(await lastValueFrom(chatStream(chatBody, testOptions(server, KEY)).pipe(toArray()))).toEqual(live);
    expect(server.requests).toHaveLength(2);
  });

  test('a reply from a cassette stops waiting when the client goes away: no timer outlives the exchange', async () => {
    // The cassette's second chunk comes a minute after its first (which ends with the first
    // content); the client leaves after the first event.
    const frames = toSseText(chatV2Events({ text: ['Hi', ' there'] }).map((event) => JSON.stringify(event)));
    const cut = frames.indexOf('\n\n', frames.indexOf('content-delta')) + 2;
    const cassette = cassetteText(HEADER, chunkLine(0, frames.slice(0, cut)), chunkLine(60_000, frames.slice(cut)), { take: 1, t: 60_000, end: 'complete' });
    const handler = cassetteReply(cassette);
    let replied = false;
    server.reply(async (reply, request) => {
      await handler(reply, request);
      replied = true;
    });
    await lastValueFrom(chatStream(chatBody, testOptions(server, KEY)).pipe(take(1)));
    await server.requests[0]?.closed;
    await delay(100);
    expect(replied).toBe(true);
  });

  test('credentials are never written: credential-like headers left out, the key redacted from header values and from the body bytes', async () => {
    const headers = {
      'set-cookie': 'session=abc123456',
      'x-api-key-echo': 'anything',
      'x-echo': `Bearer ${KEY}`,
      'x-custom': 'custom-secret-value',
    };
    server.reply(sseStream(chatV2Events({ text: ['your key is ', KEY, ', keep it'] }), { headers, pieceSize: 10 }));
    const { record, text } = recording();
    const options = testOptions(server, KEY, { record, headers: { 'X-Custom-Auth': 'custom-secret-value' } });
    const response = await lastValueFrom(chatStream(chatBody, options).pipe(accumulateChat()));
    // The stream itself is not changed: only what is written.
    expect((response.message.content?.[0] as { text: string }).text).toBe(`your key is ${KEY}, keep it`);
    const cassette = text();
    const header = readCassette(cassette).header;
    expect(Object.keys(header.headers)).not.toContain('set-cookie');
    expect(Object.keys(header.headers)).not.toContain('x-api-key-echo');
    expect(header.headers['x-echo']).toBe('Bearer [redacted]');
    expect(header.headers['x-custom']).toBe('[redacted]');
    const body = bodyOf(cassette);
    expect(body).not.toContain(KEY);
    expect(body).toContain('"text":"your key is "');
    expect(body).toContain('"text":"[redacted]"');
    expect(cassette).not.toContain(KEY);
    expect(cassette).not.toContain('abc123456');
    expect(cassette).not.toContain('custom-secret-value');
    // With the key redacted, the recorded stream still decodes and assembles.
    const replayed = await lastValueFrom(replayCassette(cassette, { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()));
    expect((replayed.message.content?.[0] as { text: string }).text).toBe('your key is [redacted], keep it');
  });

  test('each attempt is a take: a 503 retried, then the stream; the error body is recorded, the last take that ended is read by default', async () => {
    server.reply(fails(503, { message: 'overloaded' }), sseStream(chatV2Events({ text: ['ok'] })));
    const { record, text } = recording();
    await lastValueFrom(chatStream(chatBody, testOptions(server, KEY, { record })).pipe(accumulateChat()));
    const first = readCassette(text(), { take: 1 });
    expect(first.header).toMatchObject({ take: 1, status: 503 });
    expect(bodyOf(text(), 1)).toBe('{"message":"overloaded"}');
    expect(first.ending.end).toBe('complete');
    expect(readCassette(text()).header).toMatchObject({ take: 2, status: 200 });
    // The error answer, served again: the same error.
    server.reply(cassetteReply(text(), { take: 1, speed: Infinity }));
    const again = await outcome(chatStream(chatBody, testOptions(server, KEY, { retry: { count: 0 } })));
    expect(again.error).toMatchObject({ name: 'ServiceUnavailableError', status: 503, message: expect.stringContaining('overloaded') as unknown });
  });

  test('a dropped connection is recorded as an error and replays as one: IncompleteStreamError with the same partial', async () => {
    server.reply(sseStream(chatV2Events({ text: ['Hello', ' there'] }).slice(0, 4), { then: 'drop', done: false }));
    const { record, text } = recording();
    const live = await outcome(chatStream(chatBody, testOptions(server, KEY, { record })).pipe(accumulateChat()));
    expect(live.error).toBeInstanceOf(IncompleteStreamError);
    // The client's own error, by its name and message (node:http's comes from another realm than the spec's `Error`).
    const dropped = CLIENT === 'fetch' ? { name: 'TypeError', message: 'terminated' } : { name: 'Error', message: 'aborted' };
    expect(readCassette(text()).ending).toEqual({ t: expect.any(Number) as unknown, end: 'error', error: dropped });

    const replayed = await outcome(replayCassette(text(), { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()));
    expect(replayed.error).toBeInstanceOf(IncompleteStreamError);
    expect((replayed.error as IncompleteStreamError<ChatResponse>).partial).toEqual((live.error as IncompleteStreamError<ChatResponse>).partial);
    expect((replayed.error as Error).cause).toBeInstanceOf(RecordedStreamError);

    server.reply(cassetteReply(text(), { speed: Infinity }));
    const served = await outcome(chatStream(chatBody, testOptions(server, KEY, { retry: { count: 0 } })).pipe(accumulateChat()));
    expect((served.error as Error).cause).toMatchObject({ name: 'ConnectionError' });
    expect((served.error as IncompleteStreamError<ChatResponse>).partial).toEqual((live.error as IncompleteStreamError<ChatResponse>).partial);
  });

  test('a stall that times out is recorded as stopped with the timeout; served again, the client times out again', async () => {
    server.reply(sseStream(chatV2Events({ text: ['Hel', 'lo'] }).slice(0, 3), { then: 'stall', done: false }));
    const { record, text } = recording();
    const timeouts = { headersMs: 5000, firstFrameMs: 5000, idleMs: 100 };
    const live = await outcome(fromCohere('v2/chat', chatBody, testOptions(server, KEY, { record, timeouts })));
    expect(live.error).toBeInstanceOf(StreamTimeoutError);
    const recorded = readCassette(text());
    expect(recorded.ending).toMatchObject({ end: 'stopped', error: { name: 'StreamTimeoutError' } });
    expect(recorded.ending.t).toBeGreaterThanOrEqual(100);
    server.reply(cassetteReply(text(), { speed: Infinity }));
    const again = await outcome(fromCohere('v2/chat', chatBody, testOptions(server, KEY, { timeouts })));
    expect(again.values).toEqual(live.values);
    expect(again.error).toMatchObject({ name: 'StreamTimeoutError', phase: 'idle' });
  });

  test('unsubscribing is recorded as stopped, without an error, and nothing is written after', async () => {
    server.reply(endlessStream(toSseText(chatV2Events({ text: ['tick'] }).slice(2, 3), { done: false }), { gapMs: 10 }));
    const { record, text } = recording();
    await lastValueFrom(fromCohere('v2/chat', chatBody, testOptions(server, KEY, { record })).pipe(take(3)));
    const recorded = readCassette(text());
    expect(recorded.chunks.length).toBeGreaterThanOrEqual(1);
    expect(recorded.ending).toEqual({ t: expect.any(Number) as unknown, end: 'stopped' });
    const length = text().length;
    await delay(50);
    expect(text()).toHaveLength(length);
  });

  test('`record` must be a recorder: an InvalidOptionError at the call, for fromCohere, the conveniences and createCohere', () => {
    const bad = { record: { takes: 0 } as never };
    expect(() => fromCohere('v2/chat', chatBody, bad)).toThrow(InvalidOptionError);
    expect(() => chatStream(chatBody, bad)).toThrow('The option record accepts a recorder made by recordCassette(sink), received object.');
    expect(() => generateStream(generateBody, { record: 'file.jsonl' as never })).toThrow('received the string "file.jsonl"');
    expect(() => createCohere(bad)).toThrow(InvalidOptionError);
  });

  test("a recorder in createCohere's defaults records every stream of the client, each its own take", async () => {
    server.route('/v2/chat', sseStream(chatV2Events({ text: ['one'] })));
    const { record, text } = recording();
    const cohere = createCohere({ ...testOptions(server, KEY), record });
    await Promise.all([lastValueFrom(cohere.chatStream(chatBody)), lastValueFrom(cohere.chatStream(chatBody))]);
    expect(readCassette(text(), { take: 1 }).ending.end).toBe('complete');
    expect(readCassette(text(), { take: 2 }).ending.end).toBe('complete');
    expect(bodyOf(text(), 1)).toBe(bodyOf(text(), 2));
  });
});
