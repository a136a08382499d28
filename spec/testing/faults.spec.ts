import { from } from 'rxjs';
import {
  accumulateChat,
  chatV1,
  chatV2,
  DecodeError,
  decodeEvents,
  IncompleteStreamError,
  jsonFrames,
  sseFrames,
  StreamOrderError,
  type ChatSnapshot,
} from '../../lib/index';
import {
  chatOf,
  chatResponseOf,
  chatV1Events,
  chatV2Events,
  dropAfter,
  dropAfterBytes,
  duplicateEvent,
  insertUnknownEvent,
  splitEvery,
  splitEveryByte,
  toJsonLines,
  toSseFrames,
  toSseText,
  chatV1Event,
  chatV2Event,
} from '../../lib/testing/index';
import { settle } from '../helpers/settle';

const script = { text: ['Grüße', ', wörld 👋'] };
const frames = toSseFrames(chatV2Events(script));
const bytesOf = (text: string) => new TextEncoder().encode(text);
const accumulated = (chunks: readonly (string | Uint8Array)[]) => settle(from(chunks).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()));

describe('splitting', () => {
  test('splitEveryByte: one Uint8Array per byte, or one string per character through a streaming decoder', () => {
    const bytes = splitEveryByte(['aé', bytesOf('👋')]);
    expect(bytes.map((piece) => [...piece])).toEqual([[0x61], [0xc3], [0xa9], [0xf0], [0x9f], [0x91], [0x8b]]);
    expect(splitEveryByte(['aé', bytesOf('👋')], 'text')).toEqual(['a', 'é', '👋']);
  });

  test('splitEvery: pieces of n bytes wherever they fall, decoded as text without a broken character', () => {
    expect(splitEvery(['abcdé'], 2).map((piece) => piece.length)).toEqual([2, 2, 2]);
    expect(splitEvery(['abcdé'], 5, 'text')).toEqual(['abcd', 'é']);
    expect(() => splitEvery(['x'], 0)).toThrow(RangeError);
  });

  test('a stream split at every byte, as bytes or text, accumulates to the same answer', () => {
    const expected = { values: [chatResponseOf(script)], error: undefined, completed: true };
    expect(accumulated(splitEveryByte(frames))).toEqual(expected);
    expect(accumulated(splitEveryByte(frames, 'text'))).toEqual(expected);
    expect(accumulated(splitEvery(frames, 3))).toEqual(expected);
  });
});

describe('dropping', () => {
  test('dropAfter: a stream cut after n events is an IncompleteStreamError with the text so far', () => {
    const { error } = settle(from(dropAfter(chatV2Events(script), 3)).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content).toEqual([{ type: 'text', text: 'Grüße' }]);
    expect(dropAfter([1, 2], -1)).toEqual([]);
  });

  test('dropAfterBytes: a cut inside a frame is an IncompleteStreamError caused by the truncated frame', () => {
    const text = toSseText(chatV2Events(script));
    const cut = text.indexOf('wörld') + 1;
    const { error } = accumulated(dropAfterBytes([text], bytesOf(text.slice(0, cut)).length));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as Error).cause).toBeInstanceOf(DecodeError);
    expect((error as Error).cause).toMatchObject({ reason: 'truncated' });
  });

  test('dropAfterBytes keeps text up to the cut, and the first bytes of a character cut in two as bytes', () => {
    expect(dropAfterBytes(['ab', 'cd'], 3)).toEqual(['ab', 'c']);
    expect(dropAfterBytes(['a👋b'], 3)).toEqual(['a', new Uint8Array([0xf0, 0x9f])]);
    expect(dropAfterBytes([bytesOf('abc')], 2)).toEqual([bytesOf('ab')]);
    expect(dropAfterBytes(['abc'], 0)).toEqual([]);
  });
});

describe('duplicates and unknown events', () => {
  test('duplicateEvent: a text delta sent twice doubles its text; message-end sent twice is a StreamOrderError', () => {
    const events = chatV2Events({ text: ['Hel', 'lo'] });
    const { values } = settle(from(duplicateEvent(events, 2)).pipe(accumulateChat()));
    expect(values.map((response) => response.message.content)).toEqual([[{ type: 'text', text: 'HelHello' }]]);
    const { error } = settle(from(duplicateEvent(events, events.length - 1)).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(StreamOrderError);
    expect(duplicateEvent(['a', 'b'], 0, 2)).toEqual(['a', 'a', 'a', 'b']);
    expect(() => duplicateEvent(['a'], 1)).toThrow(RangeError);
  });

  test('insertUnknownEvent: V2 and V1 streams skip it, report it, and accumulate to the same answer', () => {
    const unknown: (string | undefined)[] = [];
    const v2Frames = toSseFrames(insertUnknownEvent(chatV2Events(script), 2));
    expect(v2Frames[2]).toBe('event: brand-new-event\ndata: {"type":"brand-new-event"}\n\n');
    const v2Result = settle(
      from(v2Frames).pipe(sseFrames(), decodeEvents(chatV2, { onUnknownEvent: (event) => unknown.push(event.eventType) }), accumulateChat()),
    );
    expect(v2Result.values).toEqual([chatResponseOf(script)]);
    const v1Lines = toJsonLines(insertUnknownEvent(chatV1Events(script), 1, { type: 'tool-calls-preview' }));
    expect(v1Lines[1]).toBe('{"event_type":"tool-calls-preview","is_finished":false}\n');
    const v1Result = settle(
      from(v1Lines).pipe(jsonFrames(), decodeEvents(chatV1, { onUnknownEvent: (event) => unknown.push(event.eventType) }), accumulateChat()),
    );
    expect(v1Result.values).toEqual([chatOf(script)]);
    expect(unknown).toEqual(['brand-new-event', 'tool-calls-preview']);
    expect(insertUnknownEvent([chatV1Event.start()], 0, { discriminator: 'type' })[0]).toEqual({ type: 'brand-new-event' });
    expect(insertUnknownEvent([chatV2Event.start()], 1)).toHaveLength(2);
  });
});
