/**
 * Quick checks for the events that make up almost every frame of a stream (text, tool-argument
 * and tool-plan deltas) and for the two V2 events before the first token (`message-start`,
 * `content-start`), so that validating them costs a few property reads instead of a zod parse.
 *
 * Each check is conservative: it returns `true` only for a frame its event's schema accepts
 * (the spec checks this against the schemas with generated frames), and `false` means "ask the
 * schema", which then accepts the frame or reports exactly what is wrong. The checks decide
 * nothing on their own; they only skip work.
 *
 * @module
 */

/**
 * A parsed frame.
 *
 * @inline
 */
type Frame = Readonly<Record<string, unknown>>;

/** A check that may say a frame is valid; `false` defers to the schema. */
export type FastCheck = (frame: Frame) => boolean;

const absent = (value: unknown): boolean => value === undefined || value === null;
const isObject = (value: unknown): value is Frame => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): boolean => absent(value) || typeof value === 'string';
const optionalBoolean = (value: unknown): boolean => absent(value) || typeof value === 'boolean';
/** A member that is absent, or a wire index: a non-negative safe integer. */
const optionalIndex = (value: unknown): boolean => absent(value) || (Number.isSafeInteger(value) && (value as number) >= 0);

/** A member that is absent, or an array (of anything). */
const optionalArray = (value: unknown): boolean => absent(value) || Array.isArray(value);

/** A member that is absent, or an object the check accepts. */
const optionalObject = (value: unknown, check: (object: Frame) => boolean): boolean => absent(value) || (isObject(value) && check(value));

/** `delta.message` of a V2 event, each level absent or an object the check accepts. */
const deltaMessage = (frame: Frame, check: (message: Frame) => boolean): boolean =>
  optionalObject(frame['delta'], (delta) => optionalObject(delta['message'], check));

/** V2 chat: content, tool-plan and tool-argument deltas. @internal */
export const chatV2FastChecks: Readonly<Record<string, FastCheck>> = {
  // The two events before the first token: zod's first parses of them cost milliseconds.
  'message-start': (frame) =>
    optionalString(frame['id']) &&
    deltaMessage(
      frame,
      (message) =>
        optionalString(message['role']) &&
        optionalArray(message['content']) &&
        optionalString(message['tool_plan']) &&
        optionalArray(message['tool_calls']) &&
        optionalArray(message['citations']),
    ),
  'content-start': (frame) =>
    optionalIndex(frame['index']) &&
    deltaMessage(frame, (message) =>
      optionalObject(
        message['content'],
        (content) => optionalString(content['type']) && optionalString(content['text']) && optionalString(content['thinking']),
      ),
    ),
  'content-delta': (frame) =>
    optionalIndex(frame['index']) &&
    absent(frame['logprobs']) &&
    deltaMessage(frame, (message) => optionalObject(message['content'], (content) => optionalString(content['text']) && optionalString(content['thinking']))),
  'tool-plan-delta': (frame) => deltaMessage(frame, (message) => optionalString(message['tool_plan'])),
  'tool-call-delta': (frame) =>
    optionalIndex(frame['index']) &&
    deltaMessage(frame, (message) =>
      optionalObject(message['tool_calls'], (call) => optionalObject(call['function'], (fn) => optionalString(fn['arguments']))),
    ),
};

/** V1 chat: text deltas. @internal */
export const chatV1FastChecks: Readonly<Record<string, FastCheck>> = {
  'text-generation': (frame) => optionalString(frame['text']) && optionalBoolean(frame['is_finished']) && optionalString(frame['p']),
};

/** Generate: text deltas. @internal */
export const generateFastChecks: Readonly<Record<string, FastCheck>> = {
  'text-generation': (frame) =>
    optionalString(frame['text']) && optionalBoolean(frame['is_finished']) && optionalIndex(frame['index']) && optionalString(frame['p']),
};
