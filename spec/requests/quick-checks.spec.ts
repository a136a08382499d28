import fc from 'fast-check';
import type * as z from 'zod';
import { passesQuickCheck } from '../../lib/requests/quick-checks';
import { GenerateRequest, V1ChatRequest, V2ChatRequest } from '../../lib/index';

/** Values of every JSON kind, for members that should be something else. */
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ maxLength: 3 }),
  fc.double(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

/** A member that is missing, right, or anything else. */
const member = (valid: fc.Arbitrary<unknown>) => fc.option(fc.oneof(valid, valid, junk), { nil: undefined });

/** An object with some of these members (always `requiredKeys`), sometimes one nobody declared, sometimes a class instance or an array. */
const object = (shape: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []) =>
  fc
    .tuple(
      fc.record(shape, { requiredKeys }),
      fc.oneof({ arbitrary: fc.constant('plain'), weight: 8 }, fc.constantFrom('extra', 'null-prototype', 'instance', 'array')),
    )
    .map(([record, kind]) => {
      switch (kind) {
        case 'extra':
          return { ...record, extra: 1 };
        case 'null-prototype':
          return Object.assign(Object.create(null) as object, record);
        case 'instance':
          return Object.assign(new (class Body {})(), record);
        case 'array':
          return Object.assign([], record);
        default:
          return record;
      }
    });

const roles = fc.constantFrom('user', 'system', 'assistant', 'tool', 'USER', 'chatbot');
const messages = fc
  .array(
    fc.oneof(
      { arbitrary: object({ role: member(roles), content: member(fc.string()) }, ['role', 'content']), weight: 4 },
      object({ role: member(roles), content: member(fc.string()), tool_call_id: member(fc.string()) }),
      junk,
    ),
    { maxLength: 3 },
  )
  .chain((items) => fc.oneof({ arbitrary: fc.constant(items), weight: 4 }, fc.constant(Object.assign(new Array<unknown>(items.length + 1), items))));
const stream = member(fc.constantFrom(true, false));

const BODIES: readonly (readonly [string, z.ZodType, fc.Arbitrary<unknown>])[] = [
  [
    'V2 chat',
    V2ChatRequest,
    object({ model: member(fc.string()), messages: member(messages), stream, temperature: member(fc.double()) }, ['model', 'messages']),
  ],
  ['V1 chat', V1ChatRequest, object({ message: member(fc.string()), model: member(fc.string()), stream, temperature: member(fc.double()) })],
  ['generate', GenerateRequest, object({ prompt: member(fc.string()), model: member(fc.string()), stream, max_tokens: member(fc.integer()) })],
];

describe('the quick checks of request bodies', () => {
  test.each(BODIES)('%s: a body the quick check accepts is one the schema accepts', (_, schema, bodies) => {
    let accepted = 0;
    fc.assert(
      fc.property(bodies, (body) => {
        if (!passesQuickCheck(schema, body)) return;
        accepted++;
        expect(schema.safeParse(body).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // The property would hold vacuously if nothing passed.
    expect(accepted).toBeGreaterThan(5);
  });

  test('accept plain bodies: a model and text messages', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'tool', tool_call_id: 'call-1', content: '{"ok":true}' },
    ];
    expect(passesQuickCheck(V2ChatRequest, { model: 'command-a-03-2025', messages })).toBe(true);
    expect(passesQuickCheck(V2ChatRequest, { model: 'command-a-03-2025', messages: [], stream: true })).toBe(true);
    expect(passesQuickCheck(V1ChatRequest, { message: 'Hi', model: null })).toBe(true);
    expect(passesQuickCheck(GenerateRequest, { prompt: 'Hi', stream: true })).toBe(true);
  });

  test('decline anything else, which the schema then checks', () => {
    const plain = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };
    const declined = [
      { ...plain, temperature: 0.3 },
      { ...plain, stream: false },
      { ...plain, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      { ...plain, messages: [{ role: 'user', content: 'Hi', name: 'x' }] },
      { ...plain, messages: [{ role: 'tool', content: 'Hi' }] },
      { ...plain, messages: new Array(1) },
      { ...plain, model: 3 },
      Object.assign(new (class Body {})(), plain),
    ];
    for (const body of declined) expect({ body, passes: passesQuickCheck(V2ChatRequest, body) }).toEqual({ body, passes: false });
    // A schema without a quick check is always asked.
    expect(passesQuickCheck(V2ChatRequest.extend({}), plain)).toBe(false);
  });

  test('a plain body is checked without building its schema; any other builds it', () => {
    const built = { count: 0 };
    const defineProperty = Object.defineProperty;
    const probe = jest.spyOn(Object, 'defineProperty').mockImplementation((target, key, descriptor) => {
      if (key === '_zod') built.count++;
      return defineProperty(target, key, descriptor);
    });
    jest.isolateModules(() => {
      // Fresh modules: none of their schemas is built yet.
      const { requestIssues } = jest.requireActual<typeof import('../../lib/requests/unknown-fields')>('../../lib/requests/unknown-fields');
      const { V2ChatRequest: schema } = jest.requireActual<typeof import('../../lib/requests/v2-chat-request')>('../../lib/requests/v2-chat-request');
      const before = built.count;
      expect(requestIssues(schema, { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] }, 'reject')).toEqual([]);
      expect(built.count - before).toBe(0);
      expect(requestIssues(schema, { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.3 }, 'reject')).toEqual([]);
      expect(built.count - before).toBeGreaterThan(100);
    });
    probe.mockRestore();
  });
});
