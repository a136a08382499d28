/**
 * Quick checks of plain request bodies. A body of a model and text messages only (most first
 * requests) is accepted without building its endpoint's schema: for V2 chat that is about 240
 * zod schemas, most of what the first request of a process costs before anything is sent. A
 * quick check accepts only bodies its schema accepts (a property test holds it to that) and
 * declines every other, which the schema then checks: no body goes unchecked, and what a body
 * may hold is said by its schema alone.
 *
 * @module
 * @internal
 */
import type * as z from 'zod';
import { GenerateRequest } from './generate-request';
import { V1ChatRequest } from './v1-chat-request';
import { V2ChatRequest } from './v2-chat-request';

/** Whether a body is one the schema accepts, `false` meaning "ask the schema". */
type QuickCheck = (body: unknown) => boolean;

/** A plain object (a JSON object or an object literal) whose own members are all among `keys`. */
function plainWith(value: unknown, keys: readonly string[]): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Reflect.ownKeys(value).every((key) => typeof key === 'string' && keys.includes(key));
}

/** `stream`: absent, `null` or `true`. */
const streamFlag = (value: unknown) => value === undefined || value === null || value === true;

/** An array whose every item (holes included) passes `check`. */
function everyItem(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (!check(value[index])) return false;
  return true;
}

/** A V2 message with text content only: `{ role, content }`, or a tool message's `{ role, tool_call_id, content }`. */
function v2TextMessage(message: unknown): boolean {
  if (plainWith(message, ['role', 'content'])) {
    return (message['role'] === 'user' || message['role'] === 'system' || message['role'] === 'assistant') && typeof message['content'] === 'string';
  }
  return (
    plainWith(message, ['role', 'tool_call_id', 'content']) &&
    message['role'] === 'tool' &&
    typeof message['tool_call_id'] === 'string' &&
    typeof message['content'] === 'string'
  );
}

/** V2 chat: `model`, text `messages`, `stream`. */
const v2Chat: QuickCheck = (body) =>
  plainWith(body, ['model', 'messages', 'stream']) &&
  typeof body['model'] === 'string' &&
  everyItem(body['messages'], v2TextMessage) &&
  streamFlag(body['stream']);

/** `model` of V1 chat and generate: absent, `null` or a string. */
const optionalModel = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/** V1 chat: `message`, `model`, `stream`. */
const v1Chat: QuickCheck = (body) =>
  plainWith(body, ['message', 'model', 'stream']) && typeof body['message'] === 'string' && optionalModel(body['model']) && streamFlag(body['stream']);

/** Generate: `prompt`, `model`, `stream`. */
const generate: QuickCheck = (body) =>
  plainWith(body, ['prompt', 'model', 'stream']) && typeof body['prompt'] === 'string' && optionalModel(body['model']) && streamFlag(body['stream']);

const QUICK_CHECKS: ReadonlyMap<z.ZodType, QuickCheck> = new Map<z.ZodType, QuickCheck>([
  [V2ChatRequest, v2Chat],
  [V1ChatRequest, v1Chat],
  [GenerateRequest, generate],
]);

/**
 * Whether `body` is a plain body `schema` accepts, known without building `schema`; `false` when
 * only the schema can tell (or `schema` has no quick check).
 *
 * @internal
 */
export function passesQuickCheck(schema: z.ZodType, body: unknown): boolean {
  return QUICK_CHECKS.get(schema)?.(body) ?? false;
}
