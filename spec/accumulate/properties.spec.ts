import fc from 'fast-check';
import { catchError, EMPTY, from, last, map, mergeMap, tap } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  emptyChatSnapshot,
  reduceChat,
  toChatResponse,
  collectToolCalls,
  groupGenerationsByIndex,
  textDeltas,
  type ChatResponse,
  type ChatV2Event,
  type Citation,
  type GenerateEvent,
} from '../../lib/index';
import { generateEvent, chatV2Event } from '../../lib/testing/index';
import { settle } from '../helpers/settle';

/** A V2 answer as the non-streamed endpoint would return it, before it is streamed. */
interface Answer {
  readonly blocks: readonly { readonly type: 'text' | 'thinking'; readonly pieces: readonly string[] }[];
  readonly plan: readonly string[];
  readonly calls: readonly { readonly name: string; readonly fragments: readonly string[] }[];
  readonly citations: readonly { readonly block: number; readonly after: number }[];
}

const piece = fc.string({ unit: 'grapheme', maxLength: 6 });
const answer: fc.Arbitrary<Answer> = fc.record({
  blocks: fc.array(fc.record({ type: fc.constantFrom('text' as const, 'thinking' as const), pieces: fc.array(piece, { maxLength: 8 }) }), { maxLength: 3 }),
  plan: fc.array(piece, { maxLength: 4 }),
  calls: fc.array(
    fc.record({
      name: fc.constantFrom('search', 'weather', 'list_files'),
      fragments: fc.jsonValue({ maxDepth: 2 }).chain((value) => {
        const text = JSON.stringify({ value }, null, 2);
        return fc.array(fc.nat(text.length), { maxLength: 5 }).map((cuts) => {
          const points = [...new Set([0, ...cuts, text.length])].sort((a, b) => a - b);
          return points.slice(1).map((end, i) => text.slice(points[i], end));
        });
      }),
    }),
    { maxLength: 3 },
  ),
  citations: fc.array(fc.record({ block: fc.nat(2), after: fc.nat(8) }), { maxLength: 4 }),
});

/** The events of an answer in an order Cohere may send, citations placed between deltas, after them or after content-end. */
function streamOf(a: Answer): ChatV2Event[] {
  const events: ChatV2Event[] = [chatV2Event.start('r')];
  a.plan.forEach((p) => events.push(chatV2Event.plan(p)));
  a.calls.forEach((call, i) => {
    events.push(chatV2Event.callStart(i, `${call.name}_${i}`, call.name));
    call.fragments.forEach((f) => events.push(chatV2Event.args(i, f)));
    events.push(chatV2Event.callEnd(i));
  });
  let ordinal = 0;
  const cite = (block: number, at: number) => {
    for (const c of a.citations) {
      if (c.block === block && Math.min(c.after, a.blocks[block]?.pieces.length ?? 0) === at) {
        events.push(chatV2Event.citation(ordinal, citationOf(ordinal, block)), chatV2Event.citationEnd(ordinal));
        ordinal++;
      }
    }
  };
  a.blocks.forEach((block, index) => {
    events.push(chatV2Event.contentStart(index, block.type));
    cite(index, 0);
    block.pieces.forEach((p, i) => {
      events.push(block.type === 'text' ? chatV2Event.text(p, index) : chatV2Event.thinking(p, index));
      cite(index, i + 1);
    });
    events.push(chatV2Event.contentEnd(index));
  });
  events.push(chatV2Event.end(a.calls.length > 0 ? 'TOOL_CALL' : 'COMPLETE'));
  return events;
}

const citationOf = (ordinal: number, block: number): Citation => ({
  text: `c${ordinal}`,
  content_index: block,
  sources: [{ type: 'document', id: `doc:${ordinal}` }],
});

describe('accumulating any V2 answer, however it is streamed', () => {
  test('accumulateChat gives back the answer; chatSnapshots ends on the same; textDeltas and collectToolCalls agree', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const events = streamOf(a);
        const { values, error } = settle(from(events).pipe(accumulateChat()));
        expect(error).toBeUndefined();
        const response = values[0] as ChatResponse;
        expect(response).toEqual(toChatResponse(events.reduce(reduceChat, emptyChatSnapshot)));
        expect(response.message.content).toEqual(
          a.blocks.map((b) => (b.type === 'text' ? { type: 'text', text: b.pieces.join('') } : { type: 'thinking', thinking: b.pieces.join('') })),
        );
        expect(response.message.tool_plan ?? '').toBe(a.plan.join(''));
        expect(response.message.tool_calls?.map((c) => [c.function?.name, JSON.parse(c.function?.arguments ?? '')]) ?? []).toEqual(
          a.calls.map((c) => [c.name, JSON.parse(c.fragments.join(''))]),
        );
        const cited = events.filter((e) => e.type === 'citation-start').map((e) => (e.type === 'citation-start' ? e.delta?.message?.citations : undefined));
        expect(response.message.citations ?? []).toEqual(cited);

        const snapshot = settle(from(events).pipe(chatSnapshots(), last())).values[0];
        expect(snapshot?.complete).toBe(true);
        expect(snapshot?.message.content.map((b) => (b?.type === 'text' ? b.text : b?.thinking))).toEqual(a.blocks.map((b) => b.pieces.join('')));
        expect(settle(from(events).pipe(textDeltas())).values.join('')).toBe(
          a.blocks
            .filter((b) => b.type === 'text')
            .map((b) => b.pieces.join(''))
            .join(''),
        );
        expect(settle(from(events).pipe(collectToolCalls())).values.map((c) => c.parsed)).toEqual(a.calls.map((c) => JSON.parse(c.fragments.join(''))));
      }),
      { numRuns: 200 },
    );
  });

  test('a stream cut after any event is an IncompleteStreamError whose partial text is what arrived', () => {
    fc.assert(
      fc.property(answer, fc.nat(), (a, cutAt) => {
        const events = streamOf(a);
        const kept = events.slice(0, cutAt % events.length);
        const { values, error } = settle(from(kept).pipe(accumulateChat()));
        expect(values).toEqual([]);
        expect(error).toMatchObject({ name: 'IncompleteStreamError', eventCount: kept.length });
        const partial = (error as { partial?: { message: { content: readonly ({ type: string; text?: string; thinking?: string } | undefined)[] } } }).partial;
        const arrived = kept
          .filter((e) => e.type === 'content-delta')
          .map((e) => (e.type === 'content-delta' ? (e.delta?.message?.content?.text ?? e.delta?.message?.content?.thinking ?? '') : ''));
        expect((partial?.message.content ?? []).map((b) => b?.text ?? b?.thinking ?? '').join('')).toBe(arrived.join(''));
      }),
      { numRuns: 200 },
    );
  });
});

describe('any interleaving of several generations', () => {
  /** Per generation: its text pieces and whether it fails after them. */
  const generations = fc.array(fc.record({ pieces: fc.array(piece, { minLength: 1, maxLength: 6 }), fails: fc.boolean() }), { minLength: 1, maxLength: 4 });

  /** Interleaves the generations' events in an order chosen by `picks`, each generation's own order kept. */
  function interleave(gens: readonly { pieces: readonly string[]; fails: boolean }[], picks: readonly number[]): GenerateEvent[] {
    const queues = gens.map((g, index) => [
      ...g.pieces.map((text): GenerateEvent => generateEvent.text(index, text)),
      ...(g.fails ? [generateEvent.error(index, `gen ${index} failed`)] : []),
    ]);
    const events: GenerateEvent[] = [];
    let p = 0;
    while (queues.some((q) => q.length > 0)) {
      const open = queues.filter((q) => q.length > 0);
      const queue = open[(picks[p++ % Math.max(1, picks.length)] ?? 0) % open.length];
      events.push(queue!.shift()!);
    }
    return [...events, generateEvent.end()];
  }

  test('groupGenerationsByIndex gives each generation its own text, or its own GenerationError; accumulateGenerate agrees', () => {
    fc.assert(
      fc.property(generations, fc.array(fc.nat(), { maxLength: 30 }), (gens, picks) => {
        const events = interleave(gens, picks);
        const seen = new Map<number, { text: string; error?: unknown; completed: boolean }>();
        const outer = settle(
          from(events).pipe(
            groupGenerationsByIndex(),
            mergeMap((group) =>
              group.pipe(
                map((event) => ({ key: group.key, text: event.text ?? '' })),
                tap({
                  subscribe: () => seen.set(group.key, { text: '', completed: false }),
                  next: ({ text }) => (seen.get(group.key)!.text += text),
                  error: (error: unknown) => (seen.get(group.key)!.error = error),
                  complete: () => (seen.get(group.key)!.completed = true),
                }),
                catchError(() => EMPTY),
              ),
            ),
          ),
        );
        expect(outer.completed).toBe(true);
        gens.forEach((g, index) => {
          const group = seen.get(index);
          expect(group?.text).toBe(g.pieces.join(''));
          if (g.fails) expect(group?.error).toMatchObject({ name: 'GenerationError', generationIndex: index, err: `gen ${index} failed` });
          else expect(group?.completed).toBe(true);
        });
        const final = settle(from(events).pipe(accumulateGenerate())).values[0];
        expect(final?.generations?.map((g) => [g.index, g.text, g.finish_reason])).toEqual(
          gens.map((g, index) => [index, g.pieces.join(''), g.fails ? 'ERROR' : 'COMPLETE']),
        );
      }),
      { numRuns: 200 },
    );
  });
});
