import type { GenerateStreamEnd, GenerateStreamEndEvent, GenerateStreamErrorEvent, GenerateTextGenerationEvent, UnknownEvent } from '../../lib/index';

/** A `text-generation` event of generation `index` (left out when `undefined`). */
export const tg = (index: number | undefined, text: string, is_finished = false): GenerateTextGenerationEvent => ({
  event_type: 'text-generation',
  ...(index === undefined ? {} : { index }),
  text,
  is_finished,
});

/** A `stream-error` event: generation `index` failed. */
export const se = (index: number, err = 'overloaded', finish_reason = 'ERROR'): GenerateStreamErrorEvent => ({
  event_type: 'stream-error',
  index,
  is_finished: true,
  err,
  finish_reason,
});

/** A `stream-end` event, with a `response` when given. */
export const streamEnd = (response?: GenerateStreamEnd, extra: Record<string, unknown> = {}): GenerateStreamEndEvent => ({
  event_type: 'stream-end',
  is_finished: true,
  finish_reason: 'COMPLETE',
  ...(response === undefined ? {} : { response }),
  ...extra,
});

/** An event of a type the protocol does not know, as `decodeEvents(..., { unknownEvents: 'emit' })` emits it. */
export const unknownEvent: UnknownEvent = { unknown: true, eventType: 'brand-new', frame: { event_type: 'brand-new' }, frameIndex: 3 };
