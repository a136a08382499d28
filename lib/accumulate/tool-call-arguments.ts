/**
 * The complete arguments text of a tool call parsed into a JSON object, or a typed error
 * naming the call (`parseToolArguments`).
 *
 * @module
 */
import { describeValue } from '../decoding/issues';
import { isJsonObject, type JsonObject } from '../decoding/schemas/shared';
import { ToolCallArgumentsError } from '../errors/index';

/** The tool call an arguments text belongs to, as {@link ToolCallArgumentsError} names it. */
export interface ToolCallRef {
  /** The tool the model called. */
  readonly toolName: string;
  /** The call's position among the turn's tool calls. */
  readonly index: number;
  /** The call's id (V2 streams), when it has one. */
  readonly id?: string | undefined;
}

/**
 * Parses the complete arguments text of a tool call into a JSON object.
 *
 * 1. An empty text (or only whitespace) is `{}`: a V2 call without a `tool-call-delta`, for a
 *    tool that takes no parameters, streams no arguments at all.
 * 2. Any other text is parsed with `JSON.parse`. Invalid JSON, or JSON that is not an object
 *    (an array, a string, a number, `null`), throws {@link ToolCallArgumentsError} naming the
 *    call (`toolName`, `index`, `id`) and keeping the whole text in `arguments`.
 * 3. It cannot pollute prototypes: `JSON.parse` defines every member, `"__proto__"` included,
 *    as a plain own data property of a fresh object, at any depth; nothing is assigned through
 *    a setter, and no global prototype changes. The object stays plain data when it is spread
 *    or `structuredClone`d. (Do not copy it with `Object.assign` or a `for…in` assignment loop
 *    into another object: an assignment `target["__proto__"] = …` would set the prototype.)
 *
 * @example
 * ```ts
 * import { parseToolArguments } from 'cohere-rx';
 *
 * parseToolArguments('{"city":"Paris"}', { toolName: 'get_weather', index: 0 }); // { city: 'Paris' }
 * parseToolArguments('', { toolName: 'list_files', index: 1 }); // {}
 * parseToolArguments('{"city":', { toolName: 'get_weather', index: 0 }); // throws ToolCallArgumentsError
 * ```
 *
 * @param text The arguments as streamed (V2 `function.arguments`, V1 `parameters` fragments joined).
 * @param call The call the text belongs to, for the error.
 * @returns The arguments object.
 * @throws {@link ToolCallArgumentsError} when the text is not a JSON object.
 */
export function parseToolArguments(text: string, call: ToolCallRef): JsonObject {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ToolCallArgumentsError({ ...call, arguments: text, problem: `invalid JSON (${reason})`, cause });
  }
  if (!isJsonObject(value)) {
    throw new ToolCallArgumentsError({ ...call, arguments: text, problem: `the JSON is ${describeValue(value)}` });
  }
  return value;
}

/**
 * The JSON text of an arguments object the stream carried as an object (V1
 * `tool-calls-generation` `parameters`), or a {@link ToolCallArgumentsError} when it cannot be
 * written: `JSON.stringify` recurses, and an object nested some thousands of levels deep (a 30 KB
 * frame can hold one) exhausts the stack.
 */
export function argumentsText(parameters: JsonObject, call: ToolCallRef): string | ToolCallArgumentsError {
  try {
    return JSON.stringify(parameters);
  } catch (cause) {
    return new ToolCallArgumentsError({
      ...call,
      arguments: '',
      problem: `the object cannot be written as JSON text (${cause instanceof Error ? cause.message : 'JSON.stringify failed'}), probably nested too deep`,
      cause,
    });
  }
}
