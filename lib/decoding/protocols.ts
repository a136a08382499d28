/**
 * The protocol descriptors `chatV2`, `chatV1` and `generate`: what the decoder and the finishing
 * operators need to know about an event family (its discriminator member, a schema per event
 * type, and which event ends a stream).
 *
 * @module
 */
import type { z } from 'zod';
import { GenerationError } from '../errors/index';
import type { FrameTemplate } from './frame-templates';
import { chatV1FastChecks, chatV2FastChecks, generateFastChecks, type FastCheck } from './schemas/fast-checks';
import { generateEventSchemas, type GenerateEvent } from './schemas/generate-events';
import { chatV1Templates, chatV2Templates, generateTemplates } from './schemas/templates';
import { chatV1EventSchemas, type ChatV1Event } from './schemas/v1-chat-events';
import { chatV2EventSchemas, type ChatV2Event } from './schemas/v2-chat-events';

/**
 * An event family: the member that names each event's type, a schema per known type, how to
 * read the type of a parsed frame, and the terminal event that proves a stream complete.
 *
 * @typeParam E The union of the family's events.
 */
export interface Protocol<E extends object> {
  /** The family's name, used in error messages: `chatV2`, `chatV1` or `generate`. */
  readonly name: string;
  /** The type of the event that ends a stream of this family (`message-end`, `stream-end`), for messages. */
  readonly terminalEvent: string;
  /**
   * Whether an event of this family ends its stream: the one rule every operator that finishes
   * a stream reads, and that the family's reducer folds in.
   */
  isTerminal(event: E): boolean;
  /**
   * Whether an event starts a stream of this family (`message-start`, `stream-start`): one that
   * arrives after other events starts the answer over. A family without a start event (generate,
   * and V1 chat on Bedrock, which sends none) is told a new attempt by the decoder instead
   * (see `isAttemptStart`).
   */
  isStart(event: E): boolean;
  /**
   * The model's own failure an event reports in band, when it does: a generate `stream-error`
   * is a {@link GenerationError}. A stream that ends after it without its terminal event is
   * incomplete with this error as the cause.
   */
  inBandError(event: E): GenerationError | undefined;
  /** The member that names an event's type. */
  readonly discriminator: 'type' | 'event_type';
  /** A schema per known event type. */
  readonly schemas: Readonly<Record<string, z.ZodType<E>>>;
  /**
   * Quick checks for the most frequent event types: each returns `true` only for a frame its
   * schema accepts, and `false` to let the schema decide. They only make validation cheaper.
   */
  readonly fastChecks?: Readonly<Record<string, FastCheck>> | undefined;
  /**
   * The frames that make up almost every stream (text deltas), read without `JSON.parse` when
   * a frame is exactly one of them: each gives the event `JSON.parse` would, which its schema
   * accepts. Any other frame is parsed and checked.
   *
   * @internal
   */
  readonly templates?: readonly FrameTemplate<E>[] | undefined;
  /**
   * The type of a parsed frame, or `undefined` when it names none. A family may infer the type
   * from other members (generate reads `is_finished` when `event_type` is absent); the decoder
   * then adds the discriminator to the event it emits.
   */
  eventType(frame: Readonly<Record<string, unknown>>): string | undefined;
}

/** The events of a protocol. */
export type EventOf<P> = P extends Protocol<infer E> ? E : never;

/** An event of either chat family: V2 (`type`) or V1 and AWS (`event_type`). */
export type ChatEvent = ChatV2Event | ChatV1Event;

const read =
  (member: string) =>
  (frame: Readonly<Record<string, unknown>>): string | undefined => {
    const type = frame[member];
    return typeof type === 'string' ? type : undefined;
  };
const readEventType = read('event_type');

/** V2 chat (`POST /v2/chat`): events discriminated by `type`. */
export const chatV2: Protocol<ChatV2Event> = {
  name: 'chatV2',
  terminalEvent: 'message-end',
  isTerminal: (event) => event.type === 'message-end',
  isStart: (event) => event.type === 'message-start',
  inBandError: () => undefined,
  discriminator: 'type',
  schemas: chatV2EventSchemas,
  fastChecks: chatV2FastChecks,
  templates: chatV2Templates,
  eventType: read('type'),
};

/**
 * V1 chat (`POST /v1/chat`, Command R / R+ on Bedrock and SageMaker): discriminated by
 * `event_type`. `stream-end` ends a stream, and so does any event with `is_finished: true`
 * (Bedrock marks its last chunk that way).
 */
export const chatV1: Protocol<ChatV1Event> = {
  name: 'chatV1',
  terminalEvent: 'stream-end',
  isTerminal: (event) => event.event_type === 'stream-end' || event.is_finished === true,
  isStart: (event) => event.event_type === 'stream-start',
  inBandError: () => undefined,
  discriminator: 'event_type',
  schemas: chatV1EventSchemas,
  fastChecks: chatV1FastChecks,
  templates: chatV1Templates,
  eventType: readEventType,
};

/**
 * Generate (`POST /v1/generate`, Command on Bedrock and SageMaker): discriminated by
 * `event_type`. A frame without `event_type` (older streams, Bedrock Command) is read by
 * `is_finished`: `false` is `text-generation`, `true` is `stream-end`, and either with an
 * `err` member is `stream-error`. `stream-end` ends a stream, and so does a `text-generation`
 * with `is_finished: true`; the `is_finished` of a `stream-error` concerns its generation only
 * (old streams send it on each failed generation and go on).
 */
export const generate: Protocol<GenerateEvent> = {
  name: 'generate',
  terminalEvent: 'stream-end',
  isTerminal: (event) => event.event_type === 'stream-end' || (event.event_type === 'text-generation' && event.is_finished === true),
  isStart: () => false,
  inBandError: (event) =>
    event.event_type === 'stream-error'
      ? new GenerationError({ generationIndex: event.index ?? 0, err: event.err, finishReason: event.finish_reason })
      : undefined,
  discriminator: 'event_type',
  schemas: generateEventSchemas,
  fastChecks: generateFastChecks,
  templates: generateTemplates,
  eventType(frame) {
    if (frame['event_type'] !== undefined || typeof frame['is_finished'] !== 'boolean') return readEventType(frame);
    if (frame['err'] != null) return 'stream-error';
    return frame['is_finished'] ? 'stream-end' : 'text-generation';
  },
};
