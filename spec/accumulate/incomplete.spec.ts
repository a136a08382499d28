import { from, NEVER, lastValueFrom, toArray, type Observable, type OperatorFunction } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  collectToolCalls,
  groupGenerationsByIndex,
  IncompleteStreamError,
  isIncompleteChat,
  isIncompleteGenerate,
  isIncompleteGenerations,
  isIncompleteText,
  isIncompleteToolCalls,
  partialToolCalls,
  responseText,
  textDeltas,
  type ChatEvent,
  type GenerateEvent,
} from '../../lib/index';
import { chatV1Event, chatV2Event, generateEvent } from '../../lib/testing/index';

const failure = (source: Observable<unknown>): Promise<unknown> => lastValueFrom(source.pipe(toArray())).catch((error: unknown) => error);
const chat: ChatEvent[] = [chatV2Event.start(), chatV2Event.contentStart(0), chatV2Event.text('Hel'), chatV2Event.callStart(0, 'c', 'f')];
const generation: GenerateEvent[] = [generateEvent.text(0, 'A'), generateEvent.text(1, 'B')];
const guards = [isIncompleteChat, isIncompleteText, isIncompleteToolCalls, isIncompleteGenerate, isIncompleteGenerations];

/** Which guards say yes to the error an operator gives on a stream cut short. */
async function accepting<E>(events: readonly E[], operator: OperatorFunction<E, unknown>): Promise<string[]> {
  const error = await failure(from(events).pipe(operator));
  expect(error).toBeInstanceOf(IncompleteStreamError);
  return guards.filter((guard) => guard(error)).map((guard) => guard.name);
}

describe('the type guards of IncompleteStreamError tell each operator family apart', () => {
  test.each([
    ['accumulateChat', 'isIncompleteChat', chat, accumulateChat()],
    ['chatSnapshots', 'isIncompleteChat', chat, chatSnapshots()],
    ['textDeltas', 'isIncompleteText', chat, textDeltas()],
    ['collectToolCalls', 'isIncompleteToolCalls', chat, collectToolCalls()],
    ['partialToolCalls', 'isIncompleteToolCalls', chat, partialToolCalls()],
    ['accumulateGenerate', 'isIncompleteGenerate', generation, accumulateGenerate()],
    ['groupGenerationsByIndex', 'isIncompleteGenerations', generation, groupGenerationsByIndex()],
  ] as const)('%s: only %s says yes', async (_name, guard, events, operator) => {
    expect(await accepting<ChatEvent | GenerateEvent>(events, operator as OperatorFunction<ChatEvent | GenerateEvent, unknown>)).toEqual([guard]);
  });

  test('a guard narrows partial: the chat snapshot gives its text', async () => {
    const error = await failure(from(chat).pipe(accumulateChat()));
    if (!isIncompleteChat(error) || error.partial === undefined) throw new Error('expected the partial chat');
    expect(responseText(error.partial)).toBe('Hel');
  });

  test('no guard says yes to anything but an IncompleteStreamError', () => {
    for (const guard of guards) expect([new Error('x'), undefined, 'x', { partial: 'x' }].some(guard)).toBe(false);
    void NEVER;
  });
});

describe('responseText', () => {
  test('the text blocks of a V2 response or snapshot (thinking left out), the text of a V1 Chat or snapshot', async () => {
    const v2 = await lastValueFrom(
      from([
        chatV2Event.start(),
        chatV2Event.contentStart(0, 'thinking'),
        chatV2Event.thinking('Hm', 0),
        chatV2Event.contentStart(1),
        chatV2Event.text('Hi', 1),
        chatV2Event.end(),
      ]).pipe(accumulateChat()),
    );
    expect(responseText(v2)).toBe('Hi');
    const snapshots = await lastValueFrom(
      from([chatV2Event.start(), chatV2Event.contentStart(0), chatV2Event.text('Yo'), chatV2Event.end()]).pipe(chatSnapshots(), toArray()),
    );
    expect(snapshots.map(responseText)).toEqual(['', '', 'Yo', 'Yo']);
    const v1 = await lastValueFrom(from([chatV1Event.start(), chatV1Event.text('Hey'), chatV1Event.end()]).pipe(accumulateChat()));
    expect(responseText(v1)).toBe('Hey');
  });
});
