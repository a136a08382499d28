import { from } from 'rxjs';
import { chatV2, decodeEvents, generate, IncompleteStreamError, jsonFrames, textDeltas, type GenerateEvent, type UnknownEvent } from '../../lib/index';
import { chatV1Event, chatV2Event } from '../../lib/testing/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

describe('textDeltas', () => {
  test('emits the text of V2 text blocks only, not thinking, plans or arguments', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-s-t-h-p-a-b-c-x-e-|', {
        s: chatV2Event.start(),
        t: chatV2Event.contentStart(0, 'thinking'),
        h: chatV2Event.thinking('hmm'),
        p: chatV2Event.plan('plan'),
        a: chatV2Event.args(0, '{}'),
        b: chatV2Event.text('Hel', 1),
        c: chatV2Event.text('', 1),
        x: chatV2Event.text('lo', 1),
        e: chatV2Event.end(),
      });
      expectObservable(source.pipe(textDeltas())).toBe('-----------b---x---|', { b: 'Hel', x: 'lo' });
      expectSubscriptions(source.subscriptions).toBe('^------------------!');
    });
  });

  test('emits V1 and generate text-generation pieces, without <EOS_TOKEN>', () => {
    expect(settle(from([chatV1Event.start(), chatV1Event.text('Hi'), chatV1Event.text(' there'), chatV1Event.end()]).pipe(textDeltas())).values).toEqual([
      'Hi',
      ' there',
    ]);
    const gen: GenerateEvent[] = [
      { event_type: 'text-generation', text: 'A', is_finished: false },
      { event_type: 'text-generation', text: '<EOS_TOKEN>', is_finished: false },
      { event_type: 'stream-end', is_finished: true },
    ];
    expect(settle(from(gen).pipe(textDeltas())).values).toEqual(['A']);
  });

  marbleChecklist({
    operator: () => textDeltas(),
    values: { a: chatV1Event.text('x'), b: chatV1Event.end() },
    out: { x: 'x' },
    error: { source: '-a-#', expected: '-x-#', error: new Error('drop') },
    empty: {
      is: 'is an IncompleteStreamError with partial text "", naming every family it could have been',
      cases: [
        {
          source: '|',
          expected: '#',
          error: new IncompleteStreamError({
            protocol: 'chatV2 or chatV1 or generate',
            expected: 'message-end" or "stream-end',
            partial: '',
            lastEvent: undefined,
            eventCount: 0,
          }),
        },
      ],
    },
    unsubscribe: { source: '-a-b-|', at: '^-!', expected: '-x-' },
  });

  test('a stream without its terminal event errors with the text so far', () => {
    const { values, error } = settle(
      from([chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel'), chatV2Event.text('lo')]).pipe(textDeltas()),
    );
    expect(values).toEqual(['Hel', 'lo']);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error).toMatchObject({ partial: 'Hello', eventCount: 4, protocol: 'chatV2', expected: 'message-end' });
    expect(settle(from([chatV1Event.start(), chatV1Event.text('Hi')]).pipe(textDeltas())).error).toMatchObject({ protocol: 'chatV1', expected: 'stream-end' });
    // A text-generation event does not say whether it is V1 chat or generate.
    expect(settle(from([chatV1Event.text('Hi')]).pipe(textDeltas())).error).toMatchObject({ protocol: 'chatV1 or generate', expected: 'stream-end' });
    const unknown: UnknownEvent = { unknown: true, eventType: 'x', frame: {}, frameIndex: 0 };
    expect(settle(from([unknown]).pipe(textDeltas())).error).toBeInstanceOf(IncompleteStreamError);
  });

  fixtureTest('gives the text of a recorded V2 stream, and the generate excerpt as it streamed', () => {
    const lines = jsonLines(fixtureText('v2-chat-basic.jsonl'));
    const expected = lines
      .filter((l) => l['type'] === 'content-delta')
      .map((l) => (l as { delta: { message: { content: { text: string } } } }).delta.message.content.text)
      .join('');
    expect(settle(from(lines).pipe(decodeEvents(chatV2), textDeltas())).values.join('')).toBe(expected);
    expect(settle(from([fixtureText('generate-multi-excerpt.jsonl')]).pipe(jsonFrames(), decodeEvents(generate), textDeltas())).values).toEqual([' Hi', ' Hi']);
  });

  operatorChecklist(
    () => textDeltas(),
    (i): GenerateEvent => ({ event_type: 'text-generation', text: `t${i}`, is_finished: true }),
    chatV1Event.text(''),
  );
});
