import { concat, from, last, map, of, range } from 'rxjs';
import {
  chatSnapshots,
  emptyChatSnapshot,
  IncompleteStreamError,
  FinishReasonError,
  reduceChat,
  TextMismatchError,
  type ChatSnapshot,
  type ChatV1Snapshot,
  type ChatV2Event,
  responseText,
} from '../../lib/index';
import { chatV1Event, chatV2Event } from '../../lib/testing/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

const textOf = (snapshot: ChatSnapshot) => responseText(snapshot);

describe('chatSnapshots', () => {
  test('an answer whose finish reason says the model failed: the last snapshot, then a FinishReasonError', () => {
    const failed = { type: 'message-end', delta: { finish_reason: 'ERROR', error: 'internal error' } } as const;
    const events: ChatV2Event[] = [chatV2Event.start(), chatV2Event.contentStart(0), chatV2Event.text('Hi'), failed];
    const { values, error } = settle(from(events).pipe(chatSnapshots()));
    expect(values.map((snapshot) => snapshot.complete)).toEqual([false, false, false, true]);
    expect(error).toBeInstanceOf(FinishReasonError);
    expect(error).toMatchObject({ finishReason: 'ERROR', modelMessage: 'internal error', response: { message: { content: [{ type: 'text', text: 'Hi' }] } } });
    const emitted = settle(from(events).pipe(chatSnapshots({ modelErrors: 'emit' })));
    expect(emitted.values).toHaveLength(4);
    expect(emitted.completed).toBe(true);
  });

  const events = { s: chatV2Event.start(), a: chatV2Event.contentStart(), b: chatV2Event.text('Hel'), c: chatV2Event.text('lo'), e: chatV2Event.end() };

  test('emits the growing snapshot after every event, the last one complete', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-a-b-c-e-|', events);
      const result = source.pipe(
        chatSnapshots(),
        map((s) => `${textOf(s)}|${s.complete}`),
      );
      expectObservable(result).toBe('-s-a-b-c-e-|', { s: '|false', a: '|false', b: 'Hel|false', c: 'Hello|false', e: 'Hello|true' });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  marbleChecklist<ChatV2Event, ChatSnapshot>({
    operator: () => chatSnapshots(),
    view: (snapshots) => snapshots.pipe(map(textOf)),
    values: events,
    out: { x: '' },
    error: { source: '-s-#', expected: '-x-#', error: new Error('drop') },
    empty: {
      is: 'is an IncompleteStreamError with no partial value',
      cases: [
        {
          source: '|',
          expected: '#',
          error: new IncompleteStreamError({
            protocol: 'chatV2 or chatV1',
            expected: 'message-end" or "stream-end',
            partial: undefined,
            lastEvent: undefined,
            eventCount: 0,
          }),
        },
      ],
    },
    unsubscribe: { source: '-s-a-b-c-e-|', at: '^--!', expected: '-x-' },
  });

  test('a source that completes without the terminal event errors after the last snapshot', () => {
    const { values, error } = settle(from([chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel')]).pipe(chatSnapshots()));
    expect(values.map(textOf)).toEqual(['', '', 'Hel']);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial).toBe(values[2]);
    expect(settle(from([]).pipe(chatSnapshots())).error).toBeInstanceOf(IncompleteStreamError);
  });

  test('V1 events give V1 snapshots; a final response that contradicts the deltas errors instead of the last snapshot', () => {
    const { values } = settle(from([chatV1Event.start(), chatV1Event.text('Hi'), chatV1Event.end({ response_id: 'r', text: 'Hi' })]).pipe(chatSnapshots()));
    expect(values.map((s: ChatV1Snapshot) => [s.text, s.complete])).toEqual([
      ['', false],
      ['Hi', false],
      ['Hi', true],
    ]);
    const bad = settle(from([chatV1Event.text('Hi'), chatV1Event.end({ response_id: 'r', text: 'Ho' })]).pipe(chatSnapshots()));
    expect(bad.values).toHaveLength(1);
    expect(bad.error).toBeInstanceOf(TextMismatchError);
  });

  test('snapshots share what did not change and leave earlier ones untouched', () => {
    const { values } = settle(
      from([
        chatV2Event.start(),
        chatV2Event.callStart(0, 'i', 'f'),
        chatV2Event.contentStart(),
        chatV2Event.text('a'),
        chatV2Event.text('b'),
        chatV2Event.end(),
      ]).pipe(chatSnapshots()),
    );
    const [, withCall, , a, b] = values;
    expect(b?.message.tool_calls).toBe(withCall?.message.tool_calls);
    expect(b?.message.citations).toBe(emptyChatSnapshot.message.citations);
    expect(a && textOf(a)).toBe('a');
    expect(b && textOf(b)).toBe('ab');
  });

  test('a million deltas run through in linear time and memory (a quadratic copy would not finish)', () => {
    const deltas = 1_000_000;
    const source = concat(of(chatV2Event.start(), chatV2Event.contentStart()), range(0, deltas).pipe(map(() => chatV2Event.text('ab'))), of(chatV2Event.end()));
    const { values } = settle(source.pipe(chatSnapshots(), last()));
    const final = values[0] as ChatSnapshot;
    expect(final.complete).toBe(true);
    expect(textOf(final).length).toBe(2 * deltas);
  });

  test('is the same fold as scan(reduceChat)', () => {
    const list = [chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('x'), chatV2Event.end()];
    const { values } = settle(from(list).pipe(chatSnapshots()));
    let snapshot = emptyChatSnapshot;
    expect(values).toEqual(list.map((event) => (snapshot = reduceChat(snapshot, event))));
  });

  operatorChecklist(
    () => chatSnapshots(),
    () => chatV1Event.end(),
    chatV2Event.contentEnd(2),
    { take: 1, sent: 1 },
  );
});
