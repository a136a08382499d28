/**
 * What the request check costs: the check `fromCohere` runs once per subscription on a valid V2
 * chat body (a realistic one and the smallest one), in microseconds per check, the median of
 * interleaved repetitions. Run with `npx ts-node --transpile-only bench/sections/request-check.ts [checks reps]`.
 */
import { V2ChatRequest, type V2ChatRequest as V2ChatBody } from '../../lib/index';
import { requestIssues } from '../../lib/requests/unknown-fields';
import { median } from '../runner/stats';

const checks = Number(process.argv[2] ?? 50_000);
const reps = Number(process.argv[3] ?? 9);

/** Five messages of every role, an image, a tool call, a document block, a tool, two documents and sampling parameters. */
const realistic: V2ChatBody = {
  model: 'command-a-03-2025',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Answer briefly.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the weather in Paris?' },
        { type: 'image_url', image_url: { url: 'https://cohere.com/favicon-32x32.png', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      tool_plan: 'I will look up the weather in Paris.',
      tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
    { role: 'tool', tool_call_id: 'get_weather_1', content: [{ type: 'document', document: { id: 'w1', data: { city: 'Paris', temperature_c: 21 } } }] },
    { role: 'user', content: 'Answer in JSON, please.' },
  ],
  tools: [
    {
      type: 'function',
      function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    },
  ],
  documents: ['Paris is the capital of France.', { id: 'doc-2', data: { title: 'Climate', text: 'Mild summers.' } }],
  max_tokens: 512,
  temperature: 0.3,
  stop_sequences: ['</answer>'],
  k: 40,
  p: 0.75,
  stream: true,
};
const smallest: V2ChatBody = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] };

/** Microseconds per check of `body`, over `checks` checks. */
function time(body: V2ChatBody): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < checks; i++) if (requestIssues(V2ChatRequest, body, 'reject').length !== 0) throw new Error('the body is not valid');
  return Number(process.hrtime.bigint() - start) / 1000 / checks;
}

for (let i = 0; i < 3; i++) [realistic, smallest].forEach(time);
const results = { realistic: [] as number[], smallest: [] as number[] };
for (let i = 0; i < reps; i++) {
  results.realistic.push(time(realistic));
  results.smallest.push(time(smallest));
}
console.log(`a valid V2 chat body, median of ${reps} x ${checks} checks:`);
console.log(`  realistic: ${median(results.realistic).toFixed(2)} µs per check`);
console.log(`  smallest:  ${median(results.smallest).toFixed(2)} µs per check`);
