import { inspect } from 'node:util';
import * as z from 'zod';
import { builtSchema, lazySchema } from '../../../lib/decoding/schemas/lazy-schema';
import { ChatResponse, TokenCounts, V2ChatRequest } from '../../../lib/index';

/** A lazy schema and how many times its real schema was built. */
function counted<S extends z.ZodType>(build: () => S) {
  const state = { builds: 0 };
  const schema = lazySchema(() => {
    state.builds++;
    return build();
  });
  return { schema, state };
}

const shape = () => z.looseObject({ id: z.string(), count: z.int().min(0).nullish() });

describe('lazySchema', () => {
  test('builds nothing until the schema is used, then builds it once', () => {
    const { schema, state } = counted(shape);
    expect(state.builds).toBe(0);
    expect(schema.safeParse({ id: 'a' }).success).toBe(true);
    expect(schema.parse({ id: 'a', count: 2, extra: true })).toEqual({ id: 'a', count: 2, extra: true });
    expect(() => schema.parse({ id: 1 })).toThrow(z.ZodError);
    expect(state.builds).toBe(1);
  });

  test('is an instance of the classes of its schema, with its prototype and members', () => {
    const { schema } = counted(shape);
    const real = shape();
    expect(schema instanceof z.ZodObject).toBe(true);
    expect(schema instanceof z.ZodType).toBe(true);
    expect(Object.getPrototypeOf(schema)).toBe(Object.getPrototypeOf(real));
    expect(Object.keys(schema.shape)).toEqual(['id', 'count']);
    expect(Object.keys(schema).sort()).toEqual(Object.keys(real).sort());
    expect('safeParse' in schema).toBe(true);
    expect(schema.def.type).toBe('object');
    expect(z.toJSONSchema(schema)).toEqual(z.toJSONSchema(real));
  });

  test('composes into other schemas, built or not yet', () => {
    const { schema, state } = counted(shape);
    const list = z.array(schema);
    const extended = counted(() => schema.extend({ more: z.boolean() })).schema;
    expect(state.builds).toBe(0);
    expect(list.safeParse([{ id: 'a' }, { id: 'b', count: 1 }]).success).toBe(true);
    expect(list.safeParse([{ id: 'a', count: -1 }]).success).toBe(false);
    expect(extended.safeParse({ id: 'a', more: true }).success).toBe(true);
    expect(extended.safeParse({ id: 'a', more: 'yes' }).success).toBe(false);
    expect(schema.optional().safeParse(undefined).success).toBe(true);
    expect(state.builds).toBe(1);
  });

  test('a method read from it runs on the real schema', () => {
    const { schema } = counted(shape);
    const { safeParse } = schema;
    expect(safeParse({ id: 'a' }).success).toBe(true);
    const optional = schema.optional();
    expect(optional.def.innerType).toBe(builtSchema(schema));
  });

  test('frozen, it behaves as its schema frozen', () => {
    const outcome = (schema: z.ZodObject<{ id: z.ZodString }>) => {
      void schema.safeParse;
      Object.freeze(schema);
      const unread = (() => {
        try {
          return typeof schema.parse;
        } catch (error) {
          return (error as Error).message;
        }
      })();
      return { frozen: Object.isFrozen(schema), parsed: schema.safeParse({ id: 'a' }).success, keys: Object.keys(schema).sort(), unread };
    };
    const real = outcome(z.object({ id: z.string() }));
    expect(outcome(counted(() => z.object({ id: z.string() })).schema)).toEqual(real);
    expect(real).toMatchObject({ frozen: true, parsed: true });
  });

  test('console.log and util.inspect show its schema', () => {
    const { schema } = counted(shape);
    expect(inspect(schema)).toBe(inspect(builtSchema(schema)));
    expect(inspect({ nested: { schema } }, { depth: 1 })).toBe(inspect({ nested: { schema: builtSchema(schema) } }, { depth: 1 }));
    expect(inspect(schema)).toMatch(/^ZodObject /);
  });

  test('builtSchema gives the real schema of a lazy one, and any other schema as it is', () => {
    const { schema } = counted(shape);
    const real = builtSchema(schema);
    expect(real).not.toBe(schema);
    expect(real).toBe(builtSchema(schema));
    expect(real instanceof z.ZodObject).toBe(true);
    const plain = z.string();
    expect(builtSchema(plain)).toBe(plain);
  });
});

describe("cohere-rx's exported schemas", () => {
  test('are zod schemas to whoever uses them', () => {
    expect(ChatResponse instanceof z.ZodObject).toBe(true);
    expect(TokenCounts.parse({ input_tokens: 3, other: 'kept' })).toEqual({ input_tokens: 3, other: 'kept' });
    expect(V2ChatRequest.safeParse({ model: 'command-a', messages: [{ role: 'user', content: 'Hi' }] }).success).toBe(true);
    expect(V2ChatRequest.safeParse({ model: 'command-a', messages: [], temperature: -1 }).success).toBe(false);
    expect(z.toJSONSchema(TokenCounts)).toMatchObject({ type: 'object', properties: { input_tokens: {}, output_tokens: {} } });
    expect(z.array(TokenCounts).safeParse([{ input_tokens: 'three' }]).success).toBe(false);
  });
});
