/**
 * Many items cost linear time in every operator that holds them (their cost is measured by
 * `npm run bench:decode`; these specs check the values and the limit), and `maxItems` stops a
 * stream that places more than it allows with a typed error carrying what was assembled.
 */
import { from, lastValueFrom, mergeMap, toArray } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  collectToolCalls,
  groupGenerationsByIndex,
  InvalidOptionError,
  ItemLimitError,
  partialToolCalls,
  textDeltas,
  type ChatV2Event,
  type GenerateEvent,
} from '../../lib/index';
import { chatV2Event, generateEvent } from '../../lib/testing/index';

const MANY = 40_000;
const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** A V2 answer with `count` citations, arriving in descending index order. */
function citations(count: number): ChatV2Event[] {
  const cited = range(count)
    .reverse()
    .map((i) => chatV2Event.citation(i, { start: 0, end: 1, text: `c${i}` }));
  return [chatV2Event.start(), chatV2Event.contentStart(0), chatV2Event.text('x'), ...cited, chatV2Event.end()];
}

/** A V2 answer with `count` tool calls and `count` content blocks. */
function callsAndBlocks(count: number): ChatV2Event[] {
  const calls = range(count).flatMap((i) => [chatV2Event.callStart(i, `id${i}`, 'f'), chatV2Event.args(i, '{}'), chatV2Event.callEnd(i)]);
  const blocks = range(count).flatMap((i) => [chatV2Event.contentStart(i), chatV2Event.text(`${i % 10}`, i), chatV2Event.contentEnd(i)]);
  return [chatV2Event.start(), ...blocks, ...calls, chatV2Event.end()];
}

/** A generate stream with `count` generations, each failing but the first. */
function generations(count: number): GenerateEvent[] {
  return [...range(count).map((i) => (i === 0 ? generateEvent.text(i, 'a') : generateEvent.error(i))), generateEvent.end()];
}

describe(`${MANY} items`, () => {
  test('citations: accumulateChat keeps them all, in index order', async () => {
    const response = await lastValueFrom(from(citations(MANY)).pipe(accumulateChat()));
    expect(response.message.citations).toHaveLength(MANY);
    expect(response.message.citations?.[0]?.text).toBe('c0');
    expect(response.message.citations?.[MANY - 1]?.text).toBe(`c${MANY - 1}`);
  });

  test('tool calls and blocks: accumulateChat, collectToolCalls and textDeltas see them all', async () => {
    const events = callsAndBlocks(MANY);
    const response = await lastValueFrom(from(events).pipe(accumulateChat()));
    expect(response.message.tool_calls).toHaveLength(MANY);
    expect(response.message.content).toHaveLength(MANY);
    expect(await lastValueFrom(from(events).pipe(collectToolCalls(), toArray()))).toHaveLength(MANY);
    expect((await lastValueFrom(from(events).pipe(textDeltas(), toArray()))).join('')).toHaveLength(MANY);
  });

  test('generations: accumulateGenerate and groupGenerationsByIndex see them all', async () => {
    const end = await lastValueFrom(from(generations(MANY)).pipe(accumulateGenerate()));
    expect(end.generations).toHaveLength(MANY);
    const failures = await lastValueFrom(
      from(generations(MANY)).pipe(
        groupGenerationsByIndex(),
        mergeMap((group) => group.pipe(toArray()), Infinity),
        toArray(),
      ),
    ).catch((error: unknown) => error);
    // Generation 1 failed, so the groups error: the first failure reaches the subscriber.
    expect(failures).toMatchObject({ name: 'GenerationError', generationIndex: 1 });
  });
});

describe('maxItems', () => {
  test('one item more than maxItems is an ItemLimitError carrying what was assembled, in every operator that holds items', async () => {
    const limit = 10;
    const chat = from(citations(limit + 1));
    const failure = (await lastValueFrom(chat.pipe(accumulateChat({ maxItems: limit }))).catch((error: unknown) => error)) as ItemLimitError;
    expect(failure).toBeInstanceOf(ItemLimitError);
    expect(failure).toMatchObject({ protocol: 'chatV2', limit });
    // The content block and the citations, up to the one past the limit.
    expect((failure.partial as { message: { citations: unknown[] } }).message.citations).toHaveLength(limit);
    await expect(lastValueFrom(chat.pipe(chatSnapshots({ maxItems: limit })))).rejects.toBeInstanceOf(ItemLimitError);
    const calls = from(callsAndBlocks(limit + 1));
    await expect(lastValueFrom(calls.pipe(collectToolCalls({ maxItems: limit }), toArray()))).rejects.toBeInstanceOf(ItemLimitError);
    await expect(lastValueFrom(calls.pipe(partialToolCalls({ maxItems: limit }), toArray()))).rejects.toBeInstanceOf(ItemLimitError);
    const gens = from(generations(limit + 1));
    await expect(lastValueFrom(gens.pipe(accumulateGenerate({ maxItems: limit })))).rejects.toBeInstanceOf(ItemLimitError);
    await expect(lastValueFrom(gens.pipe(groupGenerationsByIndex({ maxItems: limit }), toArray()))).rejects.toBeInstanceOf(ItemLimitError);
  });

  test('exactly maxItems items are fine', async () => {
    const response = await lastValueFrom(from(citations(9)).pipe(accumulateChat({ maxItems: 10 })));
    expect(response.message.citations).toHaveLength(9);
  });

  test.each([0, -1, 1.5, Number.NaN, Infinity])('maxItems %p is an InvalidOptionError when the operator is created', (maxItems) => {
    for (const operator of [accumulateChat, chatSnapshots, accumulateGenerate, groupGenerationsByIndex, collectToolCalls, partialToolCalls]) {
      expect(() => operator({ maxItems })).toThrow(InvalidOptionError);
    }
  });
});
