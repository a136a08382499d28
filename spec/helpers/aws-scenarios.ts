/** The model JSON of the chunks the AWS specs stream, as Command R / R+ and Command send them on Bedrock. */

/** Bedrock's usage and latency on the last chunk. */
export const INVOCATION_METRICS = { inputTokenCount: 12, outputTokenCount: 3, invocationLatency: 456, firstByteLatency: 123 };

/** The model JSON of the chunks of the scenarios, as Command R / R+ and Command send them on Bedrock. */
export const scenarios = {
  /** Command R: plain text, then `stream-end` with the response and the invocation metrics. */
  text: [
    { event_type: 'text-generation', is_finished: false, text: 'Hello' },
    { event_type: 'text-generation', is_finished: false, text: ', wörld 👋' },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: { response_id: 'resp-1', generation_id: 'gen-1', text: 'Hello, wörld 👋', finish_reason: 'COMPLETE' },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command R with documents: search results, text, citations. */
  rag: [
    {
      event_type: 'search-results',
      is_finished: false,
      documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
      search_results: [{ search_query: { text: 'tallest penguin', generation_id: 'q1' }, document_ids: ['doc_0'], connector: { id: 'web-search' } }],
    },
    { event_type: 'text-generation', is_finished: false, text: 'The emperor penguin' },
    { event_type: 'text-generation', is_finished: false, text: ' is the tallest.' },
    { event_type: 'citation-generation', is_finished: false, citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }] },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        response_id: 'resp-rag',
        generation_id: 'gen-rag',
        text: 'The emperor penguin is the tallest.',
        citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }],
        documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
        finish_reason: 'COMPLETE',
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command R with tools: the tool plan and the calls in `tool-calls-generation`. */
  toolCalls: [
    {
      event_type: 'tool-calls-generation',
      is_finished: false,
      text: 'I will look up the weather in Shanghai.',
      tool_calls: [{ name: 'weather', parameters: { city: 'Shanghai' } }],
    },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        response_id: 'resp-tools',
        text: 'I will look up the weather in Shanghai.',
        tool_calls: [{ name: 'weather', parameters: { city: 'Shanghai' } }],
        finish_reason: 'COMPLETE',
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command R with every event type the Python SDK's `StreamEvent` names, and a full `stream-end` response. */
  everyEvent: [
    { event_type: 'stream-start', is_finished: false, generation_id: 'gen-all', conversation_id: 'conv-all' },
    { event_type: 'search-queries-generation', is_finished: false, search_queries: [{ text: 'tallest penguin', generation_id: 'q1' }] },
    {
      event_type: 'search-results',
      is_finished: false,
      search_results: [{ search_query: { text: 'tallest penguin', generation_id: 'q1' }, document_ids: ['doc_0'], connector: { id: 'web-search' } }],
      documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
    },
    {
      event_type: 'tool-calls-generation',
      is_finished: false,
      text: 'I will measure penguins.',
      tool_calls: [{ name: 'measure', parameters: { animal: 'penguin' } }],
    },
    { event_type: 'text-generation', is_finished: false, text: 'The emperor penguin' },
    { event_type: 'text-generation', is_finished: false, text: ' is the tallest.' },
    { event_type: 'citation-generation', is_finished: false, citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }] },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        response_id: 'resp-all',
        generation_id: 'gen-all',
        conversation_id: 'conv-all',
        text: 'The emperor penguin is the tallest.',
        preamble: 'Be brief.',
        prompt: '<prompt>',
        chat_history: [
          { role: 'USER', message: 'Tallest penguin?' },
          { role: 'CHATBOT', message: 'The emperor penguin is the tallest.' },
        ],
        token_count: { prompt_tokens: 10, response_tokens: 7, total_tokens: 17, billed_tokens: 12 },
        is_search_required: true,
        citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }],
        documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
        search_queries: [{ text: 'tallest penguin', generation_id: 'q1' }],
        search_results: [{ search_query: { text: 'tallest penguin', generation_id: 'q1' }, document_ids: ['doc_0'], connector: { id: 'web-search' } }],
        tool_calls: [{ name: 'measure', parameters: { animal: 'penguin' } }],
        finish_reason: 'COMPLETE',
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command (generate), one generation: no `event_type`, read by `is_finished`. */
  generateOne: [
    { text: 'Once', is_finished: false },
    { text: ' upon a time', is_finished: false },
    {
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: { id: 'g-1', prompt: 'Tell a story', generations: [{ id: 'g-1-0', text: 'Once upon a time', finish_reason: 'COMPLETE' }] },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command (generate), three generations interleaved by `index`. */
  generateThree: [
    { text: 'A', index: 0, is_finished: false },
    { text: 'B', index: 1, is_finished: false },
    { text: 'C', index: 2, is_finished: false },
    { text: 'a', index: 0, is_finished: false },
    { text: 'c', index: 2, is_finished: false },
    { text: 'b', index: 1, is_finished: false },
    {
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        id: 'g-3',
        prompt: 'Letters',
        generations: [
          { id: 'g-3-0', index: 0, text: 'Aa', finish_reason: 'COMPLETE' },
          { id: 'g-3-1', index: 1, text: 'Bb', finish_reason: 'COMPLETE' },
          { id: 'g-3-2', index: 2, text: 'Cc', finish_reason: 'COMPLETE' },
        ],
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
} as const;
