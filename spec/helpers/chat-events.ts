import type { ChatV1Event, ChatV2Event, Citation } from '../../lib/index';

/** Short builders for V2 chat events, as Cohere sends them. */
export const v2 = {
  start: (id = 'resp-1'): ChatV2Event => ({ type: 'message-start', id, delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } }),
  contentStart: (index = 0, type: 'text' | 'thinking' = 'text'): ChatV2Event => ({
    type: 'content-start',
    index,
    delta: { message: { content: type === 'text' ? { type, text: '' } : { type, thinking: '' } } },
  }),
  text: (text: string, index = 0): ChatV2Event => ({ type: 'content-delta', index, delta: { message: { content: { text } } } }),
  thinking: (thinking: string, index = 0): ChatV2Event => ({ type: 'content-delta', index, delta: { message: { content: { thinking } } } }),
  contentEnd: (index = 0): ChatV2Event => ({ type: 'content-end', index }),
  plan: (tool_plan: string): ChatV2Event => ({ type: 'tool-plan-delta', delta: { message: { tool_plan } } }),
  callStart: (index: number, id: string, name: string): ChatV2Event => ({
    type: 'tool-call-start',
    index,
    delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } },
  }),
  args: (index: number, fragment: string): ChatV2Event => ({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: fragment } } } } }),
  callEnd: (index: number): ChatV2Event => ({ type: 'tool-call-end', index }),
  citation: (index: number, citation: Citation): ChatV2Event => ({ type: 'citation-start', index, delta: { message: { citations: citation } } }),
  citationEnd: (index: number): ChatV2Event => ({ type: 'citation-end', index }),
  end: (finish_reason = 'COMPLETE', extra: Record<string, unknown> = {}): ChatV2Event => ({
    type: 'message-end',
    delta: { finish_reason, usage: { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 50, output_tokens: 2 }, cached_tokens: 1 }, ...extra },
  }),
};

/** Short builders for V1 chat events, as api.cohere.com and Bedrock send them. */
export const v1 = {
  start: (generation_id = 'gen-1'): ChatV1Event => ({ event_type: 'stream-start', is_finished: false, generation_id }),
  text: (text: string): ChatV1Event => ({ event_type: 'text-generation', is_finished: false, text }),
  end: (response?: Record<string, unknown>, extra: Record<string, unknown> = {}): ChatV1Event =>
    ({ event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE', ...(response === undefined ? {} : { response }), ...extra }) as ChatV1Event,
};
