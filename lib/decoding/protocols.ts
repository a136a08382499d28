/**
 * The protocol descriptors `chatV2`, `chatV1` and `generate`: what `decodeEvents` needs to know
 * about an event family (its discriminator member and a schema per event type).
 *
 * @module
 */
import type { z } from 'zod';
import { chatV1FastChecks, chatV2FastChecks, generateFastChecks, type FastCheck } from './schemas/fast-checks';
import { chatV1EventSchemas, type ChatV1Event } from './schemas/v1-chat-events';
import { chatV2EventSchemas, type ChatV2Event } from './schemas/v2-chat-events';
import { generateEventSchemas, type GenerateEvent } from './schemas/generate-events';

/**
 * An event family: the member that names each event's type, a schema per known type, and how
 * to read the type of a parsed frame.
 *
 * @typeParam E The union of the family's events.
 */
export interface Protocol<E extends object> {
  /** The family's name, used in error messages. */
  readonly name: string;
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
   * The type of a parsed frame, or `undefined` when it names none. A family may infer the type
   * from other members (generate reads `is_finished` when `event_type` is absent); the decoder
   * then adds the discriminator to the event it emits.
   */
  eventType(frame: Readonly<Record<string, unknown>>): string | undefined;
}

/** The events of a protocol. */
export type EventOf<P> = P extends Protocol<infer E> ? E : never;

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
  discriminator: 'type',
  schemas: chatV2EventSchemas,
  fastChecks: chatV2FastChecks,
  eventType: read('type'),
};

/** V1 chat (`POST /v1/chat`, Command R / R+ on Bedrock and SageMaker): discriminated by `event_type`. */
export const chatV1: Protocol<ChatV1Event> = {
  name: 'chatV1',
  discriminator: 'event_type',
  schemas: chatV1EventSchemas,
  fastChecks: chatV1FastChecks,
  eventType: readEventType,
};

/**
 * Generate (`POST /v1/generate`, Command on Bedrock and SageMaker): discriminated by
 * `event_type`. A frame without `event_type` (older streams, Bedrock Command) is read by
 * `is_finished`: `false` is `text-generation`, `true` is `stream-end`, and either with an
 * `err` member is `stream-error`.
 */
export const generate: Protocol<GenerateEvent> = {
  name: 'generate',
  discriminator: 'event_type',
  schemas: generateEventSchemas,
  fastChecks: generateFastChecks,
  eventType(frame) {
    if (frame['event_type'] !== undefined || typeof frame['is_finished'] !== 'boolean') return readEventType(frame);
    if (frame['err'] != null) return 'stream-error';
    return frame['is_finished'] ? 'stream-end' : 'text-generation';
  },
};
