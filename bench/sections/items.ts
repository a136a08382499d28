/**
 * What many items cost: 10,000 and 40,000 citations, tool calls, content blocks and generations
 * through the operators that hold them, in memory (decoded events, so only the operators are
 * measured), with interleaved repetitions. Linear cost means 4x the items take about 4x the
 * time; the check is under 5x. Run by `npm run bench:decode`.
 */
import { from, ignoreElements, lastValueFrom, tap, type Observable, type OperatorFunction } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  collectToolCalls,
  groupGenerationsByIndex,
  textDeltas,
  type ChatV2Event,
  type GenerateEvent,
} from '../../lib/index';
import { chatV2Event, generateEvent } from '../../lib/testing/index';
import { median } from '../runner/stats';

const SIZES = [10_000, 40_000] as const;
/** Enough room for the larger size (the default, 100,000, already is; said here so the table does not depend on it). */
const options = { maxItems: 1_000_000 };

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** One kind of item: how to build a stream of `count` of them, and the operators that hold them. */
interface Kind<E> {
  readonly name: string;
  events(count: number): E[];
  readonly operators: readonly (readonly [string, () => OperatorFunction<E, unknown>])[];
}

const citations: Kind<ChatV2Event> = {
  name: 'citations',
  events: (count) => [
    chatV2Event.start(),
    chatV2Event.contentStart(0),
    chatV2Event.text('x'),
    ...range(count).map((i) => chatV2Event.citation(i, { start: 0, end: 1, text: 'x', sources: [{ type: 'document', id: `d${i}` }] })),
    chatV2Event.end(),
  ],
  operators: [
    ['accumulateChat()', () => accumulateChat(options)],
    ['chatSnapshots()', () => chatSnapshots(options)],
  ],
};

const toolCalls: Kind<ChatV2Event> = {
  name: 'tool calls',
  events: (count) => [
    chatV2Event.start(),
    ...range(count).flatMap((i) => [chatV2Event.callStart(i, `call_${i}`, 'lookup'), chatV2Event.args(i, `{"id":${i}}`), chatV2Event.callEnd(i)]),
    chatV2Event.end(),
  ],
  operators: [
    ['accumulateChat()', () => accumulateChat(options)],
    ['collectToolCalls()', () => collectToolCalls(options)],
  ],
};

const blocks: Kind<ChatV2Event> = {
  name: 'content blocks',
  events: (count) => [
    chatV2Event.start(),
    ...range(count).flatMap((i) => [chatV2Event.contentStart(i), chatV2Event.text('x', i), chatV2Event.contentEnd(i)]),
    chatV2Event.end(),
  ],
  operators: [
    ['accumulateChat()', () => accumulateChat(options)],
    ['textDeltas()', () => textDeltas()],
  ],
};

const generations: Kind<GenerateEvent> = {
  name: 'generations',
  events: (count) => [...range(count).map((i) => generateEvent.text(i, 'x')), generateEvent.end()],
  operators: [
    ['accumulateGenerate()', () => accumulateGenerate(options)],
    // Each group is subscribed as it arrives: a mergeMap over them would add rxjs's own cost of
    // ending 40,000 inner subscriptions (one array removal each), not the operator's.
    [
      'groupGenerationsByIndex()',
      () => (source: Observable<GenerateEvent>) =>
        source.pipe(
          groupGenerationsByIndex(options),
          tap((group) => group.subscribe()),
        ),
    ],
  ],
};

/** The milliseconds one run of `operator` over `events` takes, to the end of the stream. */
async function time<E>(events: readonly E[], operator: () => OperatorFunction<E, unknown>): Promise<number> {
  const start = performance.now();
  await lastValueFrom(from(events).pipe(operator(), ignoreElements()), { defaultValue: undefined });
  return performance.now() - start;
}

/** Measures the operators of one kind at both sizes and prints one line each; returns whether every required ratio is under 5x. */
async function measureKind<E>(kind: Kind<E>, reps: number): Promise<boolean> {
  const streams = SIZES.map((size) => kind.events(size));
  let linear = true;
  for (const [label, operator] of kind.operators) {
    const runs = SIZES.map((): number[] => []);
    for (let rep = 0; rep <= reps; rep++) {
      for (const [i, events] of streams.entries()) {
        const ms = await time(events, operator);
        if (rep > 0) runs[i]?.push(ms);
      }
    }
    const [small, large] = runs.map((ms) => median(ms)) as [number, number];
    const ratio = large / small;
    const required = label !== 'chatSnapshots()';
    if (required && ratio >= 5) linear = false;
    const verdict = required ? (ratio < 5 ? '' : '  (over 5x)') : '  (copies the list it changes: O(k) per change, bounded by maxItems)';
    console.log(
      `${kind.name.padEnd(15)} ${label.padEnd(26)} ${small.toFixed(0).padStart(6)} ms  ${large.toFixed(0).padStart(6)} ms  ${ratio.toFixed(1)}x for 4x the items${verdict}`,
    );
  }
  return linear;
}

/** Measures every kind and operator at both sizes; returns whether every required ratio is under 5x. */
export async function measureItems(reps: number): Promise<boolean> {
  console.log(`\nItems: ${SIZES.join(' and ')} of each kind, in memory, ${reps} interleaved repetitions after one warm-up`);
  const results = [
    await measureKind(citations, reps),
    await measureKind(toolCalls, reps),
    await measureKind(blocks, reps),
    await measureKind(generations, reps),
  ];
  return results.every(Boolean);
}
