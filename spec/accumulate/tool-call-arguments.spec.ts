import { ToolCallArgumentsError } from '../../lib/errors/index';
import { parseToolArguments } from '../../lib/accumulate/tool-call-arguments';
import { expectPlainProto, expectUnpolluted } from '../helpers/pollution';
import { syntaxMessage } from '../helpers/syntax-message';

const call = { toolName: 'get_weather', index: 2, id: 'get_weather_p1t92w7gfgq7' };

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error('nothing was thrown');
}

describe('parseToolArguments', () => {
  test('parses an object, compact or pretty-printed', () => {
    expect(parseToolArguments('{"location":"Madrid","days":[1,2]}', call)).toEqual({ location: 'Madrid', days: [1, 2] });
    expect(parseToolArguments('{\n    "location": "Madrid"\n}', call)).toEqual({ location: 'Madrid' });
  });

  test('an empty or blank text is {}: a call without arguments', () => {
    expect(parseToolArguments('', call)).toEqual({});
    expect(parseToolArguments(' \n\t', call)).toEqual({});
  });

  test('invalid JSON throws ToolCallArgumentsError naming the call and keeping the text', () => {
    const text = '{"location": "Mad';
    const error = thrown(() => parseToolArguments(text, call));
    expect(error).toBeInstanceOf(ToolCallArgumentsError);
    expect(error).toMatchObject({ name: 'ToolCallArgumentsError', toolName: 'get_weather', index: 2, id: 'get_weather_p1t92w7gfgq7', arguments: text });
    expect((error as Error).message).toBe(new ToolCallArgumentsError({ ...call, arguments: text, problem: `invalid JSON (${syntaxMessage(text)})` }).message);
    expect((error as Error).message).toContain('"get_weather"');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  test.each([
    ['[1,2]', 'an array of 2 item(s)'],
    ['"Madrid"', 'string "Madrid"'],
    ['42', 'number 42'],
    ['null', 'null'],
    ['true', 'boolean true'],
  ])('JSON that is not an object (%s) throws ToolCallArgumentsError', (text, kind) => {
    const error = thrown(() => parseToolArguments(text, { toolName: 'search', index: 0 }));
    expect(error).toBeInstanceOf(ToolCallArgumentsError);
    expect(error).toMatchObject({ toolName: 'search', index: 0, id: undefined, arguments: text });
    expect((error as Error).message).toBe(
      new ToolCallArgumentsError({ toolName: 'search', index: 0, arguments: text, problem: `the JSON is ${kind}` }).message,
    );
  });

  describe('"__proto__" members', () => {
    const text = '{"__proto__":{"polluted":true},"nested":{"deeper":[{"__proto__":{"polluted":1}}],"__proto__":null}}';

    test('stay plain own data members at every depth, and pollute nothing', () => {
      const parsed = parseToolArguments(text, call);
      expectPlainProto(parsed, { polluted: true });
      expect(parsed['polluted']).toBeUndefined();
      const nested = parsed['nested'] as { deeper: unknown[] };
      expectPlainProto(nested, null);
      expectPlainProto(nested.deeper[0], { polluted: 1 });
      expectUnpolluted();
    });

    test('stay plain data after the value is spread or structuredClone-d', () => {
      const parsed = parseToolArguments(text, call);
      // Under jest, structuredClone builds its copy in the outer realm, with that realm's Object.prototype.
      const clonePrototype = Object.getPrototypeOf(structuredClone({})) as object;
      for (const [copy, prototype] of [
        [{ ...parsed }, Object.prototype],
        [structuredClone(parsed), clonePrototype],
      ] as const) {
        expectPlainProto(copy, { polluted: true }, prototype);
        expectPlainProto(copy['nested'], null, prototype);
        expect(copy).toEqual(parsed);
      }
      expectUnpolluted();
    });
  });
});
