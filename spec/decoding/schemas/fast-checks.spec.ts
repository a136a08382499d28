import fc from 'fast-check';
import { chatV1, chatV2, generate, type Protocol } from '../../../lib/index';
import { fixtureTest } from '../../helpers/fixtures';
import { decodeChunks, wireCases } from '../../helpers/wire-cases';

/** Values of every JSON kind (and NaN, Infinity, -0), for members that should be something else. */
const junk = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 3 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 2 }), fc.integer(), { maxKeys: 2 }),
);

/** A member that is missing, right, or any other kind of value. */
const member = (valid: fc.Arbitrary<unknown>) => fc.option(fc.oneof(valid, valid, junk), { nil: undefined });

/** An object with some of these members, and sometimes a member nobody declared. */
const object = (shape: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(fc.record(shape, { requiredKeys: [] }), fc.option(junk, { nil: undefined }))
    .map(([record, extra]) => (extra === undefined ? record : { ...record, extra }));

const frame = (type: string, discriminator: string, shape: Record<string, fc.Arbitrary<unknown>>) =>
  object(shape).map((record) => ({ ...record, [discriminator]: type }));

const deltaMessage = (message: Record<string, fc.Arbitrary<unknown>>) => member(object({ message: member(object(message)) }));

const hot: [string, Protocol<object>, string, fc.Arbitrary<Record<string, unknown>>][] = [
  [
    'message-start',
    chatV2,
    'type',
    frame('message-start', 'type', {
      id: member(fc.string()),
      delta: deltaMessage({
        role: member(fc.string()),
        content: member(fc.array(junk, { maxLength: 2 })),
        tool_plan: member(fc.string()),
        tool_calls: member(fc.array(junk, { maxLength: 2 })),
        citations: member(fc.array(junk, { maxLength: 2 })),
      }),
    }),
  ],
  [
    'content-start',
    chatV2,
    'type',
    frame('content-start', 'type', {
      index: member(fc.integer()),
      delta: deltaMessage({ content: member(object({ type: member(fc.string()), text: member(fc.string()), thinking: member(fc.string()) })) }),
    }),
  ],
  [
    'content-delta',
    chatV2,
    'type',
    frame('content-delta', 'type', {
      index: member(fc.integer()),
      logprobs: member(object({ token_ids: fc.array(fc.integer()), text: member(fc.string()) })),
      delta: deltaMessage({ content: member(object({ text: member(fc.string()), thinking: member(fc.string()) })) }),
    }),
  ],
  ['tool-plan-delta', chatV2, 'type', frame('tool-plan-delta', 'type', { delta: deltaMessage({ tool_plan: member(fc.string()) }) })],
  [
    'tool-call-delta',
    chatV2,
    'type',
    frame('tool-call-delta', 'type', {
      index: member(fc.integer()),
      delta: deltaMessage({ tool_calls: member(object({ function: member(object({ arguments: member(fc.string()) })) })) }),
    }),
  ],
  [
    'text-generation',
    chatV1,
    'event_type',
    frame('text-generation', 'event_type', { text: member(fc.string()), is_finished: member(fc.boolean()), p: member(fc.string()) }),
  ],
  [
    'text-generation',
    generate,
    'event_type',
    frame('text-generation', 'event_type', {
      text: member(fc.string()),
      is_finished: member(fc.boolean()),
      index: member(fc.integer()),
      p: member(fc.string()),
    }),
  ],
];

describe.each(hot)('the fast check of %s (%s)', (type, protocol, _discriminator, frames) => {
  const check = protocol.fastChecks?.[type];
  const schema = protocol.schemas[type];

  test('exists', () => {
    expect(check).toBeInstanceOf(Function);
    expect(schema).toBeDefined();
  });

  test('never accepts a frame its schema rejects, and accepts many it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(frames, (value) => {
        const fast = check?.(value) ?? false;
        if (fast) accepted++;
        expect(fast && !schema?.safeParse(value).success).toBe(false);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(30);
  });
});

fixtureTest('every recorded hot event takes the fast path', () => {
  const missed: string[] = [];
  for (const wireCase of wireCases()) {
    for (const event of decodeChunks(wireCase, [wireCase.bytes]) as Record<string, unknown>[]) {
      const type = String(event[wireCase.protocol.discriminator]);
      const check = wireCase.protocol.fastChecks?.[type];
      if (check !== undefined && !check(event)) missed.push(`${wireCase.name}: ${JSON.stringify(event)}`);
    }
  }
  expect(missed).toEqual([]);
});
