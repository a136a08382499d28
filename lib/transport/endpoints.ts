/**
 * The streaming endpoints of api.cohere.com that `fromCohere` calls: their request bodies,
 * schemas and framing.
 *
 * @module
 */
import type { z } from 'zod';
import { GenerateRequest } from '../requests/generate-request';
import { V1ChatRequest } from '../requests/v1-chat-request';
import { V2ChatRequest } from '../requests/v2-chat-request';

/**
 * The request body of each streaming endpoint, as a caller writes it (optional members may
 * also be `null`). The bodies are closed: a member they do not list is a compile error in an
 * object literal.
 */
export interface CohereRequestBodies {
  /** `POST /v2/chat`: the V2 chat body. */
  readonly 'v2/chat': V2ChatRequest;
  /** `POST /v1/chat`: the V1 chat body. */
  readonly 'v1/chat': V1ChatRequest;
  /** `POST /v1/generate` (legacy): the generate body. */
  readonly 'v1/generate': GenerateRequest;
}

/** A streaming endpoint of api.cohere.com, as a path below the base URL. */
export type CohereEndpoint = keyof CohereRequestBodies;

/** What the transport needs to know about an endpoint. */
interface EndpointSpec {
  /** The schema the body is checked against before it is sent. */
  readonly schema: z.ZodType;
  /** The `Accept` header sent. */
  readonly accept: string;
  /** The framing used when the response's content-type does not name one. */
  readonly framing: 'sse' | 'json';
  /** The member that names an event's type. */
  readonly discriminator: 'type' | 'event_type';
  /**
   * The events that come before any content (text, thinking, tool plan, tool call, citation):
   * `fromCohere` holds them back until content arrives, so that a failure before it can be
   * retried without anything of the failed attempt reaching the subscriber.
   */
  readonly beforeContent: ReadonlySet<string>;
}

/**
 * The endpoints. V2 chat asks for server-sent events (the server picks the framing from
 * `Accept`); V1 chat and generate answer with JSON lines.
 *
 * @internal
 */
export const ENDPOINTS: Readonly<Record<CohereEndpoint, EndpointSpec>> = {
  'v2/chat': {
    schema: V2ChatRequest,
    accept: 'text/event-stream',
    framing: 'sse',
    discriminator: 'type',
    beforeContent: new Set(['message-start', 'content-start']),
  },
  'v1/chat': { schema: V1ChatRequest, accept: 'application/json', framing: 'json', discriminator: 'event_type', beforeContent: new Set(['stream-start']) },
  // A generate stream starts with its first text: nothing comes before content.
  'v1/generate': { schema: GenerateRequest, accept: 'application/json', framing: 'json', discriminator: 'event_type', beforeContent: new Set() },
};

/**
 * Whether a frame is one of the events an endpoint sends before any content. Asked only of the
 * frames before the first content (a few per stream), so parsing them costs nothing measurable;
 * a frame that is not a JSON object counts as content (the decoder reports it).
 *
 * @internal
 */
export function comesBeforeContent(spec: EndpointSpec, frame: string): boolean {
  if (spec.beforeContent.size === 0) return false;
  try {
    const value: unknown = JSON.parse(frame);
    if (value === null || typeof value !== 'object') return false;
    const type: unknown = (value as Record<string, unknown>)[spec.discriminator];
    return typeof type === 'string' && spec.beforeContent.has(type);
  } catch {
    return false;
  }
}

/**
 * The framing of a response: server-sent events for `text/event-stream`, JSON documents for a
 * JSON content-type (`application/json`, `application/x-ndjson`, `application/stream+json`),
 * otherwise the endpoint's own.
 *
 * @internal
 */
export function framingOf(contentType: string | null, fallback: 'sse' | 'json'): 'sse' | 'json' {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/event-stream') return 'sse';
  if (type.endsWith('json')) return 'json';
  return fallback;
}
