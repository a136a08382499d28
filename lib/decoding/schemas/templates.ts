/**
 * The frame templates of each family (see `frame-templates.ts`): the text, tool-argument and
 * tool-plan deltas that make up almost every frame of a stream, exactly as Cohere, Bedrock and
 * SageMaker write them. Each builds the event with its members in the frame's order, as
 * `JSON.parse` would; the spec checks each against `JSON.parse` and the schemas.
 *
 * @module
 */
import { frameTemplate, type FrameTemplate } from '../frame-templates';
import type { GenerateEvent } from './generate-events';
import type { ChatV1Event } from './v1-chat-events';
import type { ChatV2Event } from './v2-chat-events';

/** V2 chat: content (text, thinking), tool-call argument and tool-plan deltas. @internal */
export const chatV2Templates: readonly FrameTemplate<ChatV2Event>[] = [
  frameTemplate('{"type":"content-delta","index":#,"delta":{"message":{"content":{"text":$}}}}', (index, text) => ({
    type: 'content-delta',
    index,
    delta: { message: { content: { text } } },
  })),
  frameTemplate('{"type":"content-delta","index":#,"delta":{"message":{"content":{"thinking":$}}}}', (index, thinking) => ({
    type: 'content-delta',
    index,
    delta: { message: { content: { thinking } } },
  })),
  frameTemplate('{"type":"tool-call-delta","index":#,"delta":{"message":{"tool_calls":{"function":{"arguments":$}}}}}', (index, text) => ({
    type: 'tool-call-delta',
    index,
    delta: { message: { tool_calls: { function: { arguments: text } } } },
  })),
  frameTemplate('{"type":"tool-plan-delta","delta":{"message":{"tool_plan":$}}}', (_, text) => ({
    type: 'tool-plan-delta',
    delta: { message: { tool_plan: text } },
  })),
];

/** V1 chat: text deltas, as api.cohere.com and SageMaker write them, and as Bedrock does. @internal */
export const chatV1Templates: readonly FrameTemplate<ChatV1Event>[] = [
  frameTemplate('{"is_finished":false,"event_type":"text-generation","text":$}', (_, text) => ({
    is_finished: false,
    event_type: 'text-generation',
    text,
  })),
  frameTemplate('{"event_type":"text-generation","is_finished":false,"text":$}', (_, text) => ({
    event_type: 'text-generation',
    is_finished: false,
    text,
  })),
];

/** Generate: text deltas of one generation, and of one of several. @internal */
export const generateTemplates: readonly FrameTemplate<GenerateEvent>[] = [
  frameTemplate('{"text":$,"is_finished":false,"event_type":"text-generation"}', (_, text) => ({
    text,
    is_finished: false,
    event_type: 'text-generation',
  })),
  frameTemplate('{"index":#,"text":$,"is_finished":false,"event_type":"text-generation"}', (index, text) => ({
    index,
    text,
    is_finished: false,
    event_type: 'text-generation',
  })),
];
