/**
 * What decoding, validation and accumulation cost: `sseFrames() + decodeEvents(chatV2)`, and the
 * same with `accumulateChat()`, against a plain
 * eventsource-parser + JSON.parse loop, over the same in-memory V2 chat stream, measured in the
 * same process with interleaved repetitions. Run with `npm run bench:decode [-- events reps]`.
 */
import { createParser } from 'eventsource-parser';
import { from } from 'rxjs';
import { accumulateChat, chatV2, decodeEvents, sseFrames, type ChatResponse, type ChatV2Event } from '../lib/index';

const events = Number(process.argv[2] ?? 100_000);
const reps = Number(process.argv[3] ?? 7);
const SLICE = 16 * 1024;

/** Short tokens with a leading space; about 8 % multi-byte, some with escapes. */
const TOKENS = [' the', ' stream', ' of', ' tokens', ' café', ' naïve', ' 日本', ' データ', ' 🙂', ' "quoted"', ' line\nbreak', ' and', ' more'];

function render(n: number): { chunks: Uint8Array[]; text: string } {
  const parts: string[] = [];
  const frame = (event: object) => parts.push(`event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
  let text = '';
  frame({ type: 'message-start', id: 'bench', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
  frame({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
  for (let i = 0; i < n; i++) {
    const token = TOKENS[i % TOKENS.length] ?? '';
    text += token;
    frame({ type: 'content-delta', index: 0, delta: { message: { content: { text: token } } } });
  }
  frame({ type: 'content-end', index: 0 });
  frame({ type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: { billed_units: { input_tokens: 5, output_tokens: n }, tokens: { input_tokens: 9, output_tokens: n } } } });
  parts.push('data: [DONE]\n\n');
  const bytes = new TextEncoder().encode(parts.join(''));
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += SLICE) chunks.push(bytes.subarray(at, at + SLICE));
  return { chunks, text };
}

/** The raw baseline: one TextDecoder, eventsource-parser, JSON.parse, string concatenation. */
function baseline(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  let text = '';
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      const value = JSON.parse(event.data) as { type: string; delta?: { message?: { content?: { text?: string } } } };
      if (value.type === 'content-delta') text += value.delta?.message?.content?.text ?? '';
    },
  });
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return text;
}

/** The product: framing, decoding and validation of every event. */
function product(chunks: Uint8Array[]): string {
  let text = '';
  from(chunks)
    .pipe(sseFrames(), decodeEvents(chatV2))
    .subscribe((event: ChatV2Event) => {
      if (event.type === 'content-delta') text += event.delta?.message?.content?.text ?? '';
    });
  return text;
}

/** The product with the final value assembled: framing, decoding, validation and `accumulateChat()`. */
function accumulated(chunks: Uint8Array[]): string {
  let response: ChatResponse | undefined;
  from(chunks)
    .pipe(sseFrames(), decodeEvents(chatV2), accumulateChat())
    .subscribe((value) => (response = value));
  const [block] = response?.message.content ?? [];
  return block?.type === 'text' ? block.text : '';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const { chunks, text } = render(events);
const total = events + 4;
const runs = { baseline: [] as number[], product: [] as number[], accumulated: [] as number[] };
for (let rep = 0; rep < reps + 1; rep++) {
  for (const [name, consume] of [['baseline', baseline], ['product', product], ['accumulated', accumulated]] as const) {
    const start = performance.now();
    const result = consume(chunks);
    const ms = performance.now() - start;
    if (result !== text) throw new Error(`${name} produced the wrong text (${result.length} vs ${text.length} characters)`);
    if (rep > 0) runs[name].push(ms); // the first repetition warms the JIT up
  }
}
const rate = (ms: number) => Math.round(total / (ms / 1000));
console.log(`${total} events, ${(chunks.length * SLICE / 1e6).toFixed(1)} MB in 16 KiB chunks, ${reps} interleaved repetitions after one warm-up`);
for (const name of ['baseline', 'product', 'accumulated'] as const) {
  const ms = runs[name];
  console.log(
    `${name.padEnd(11)} median ${median(ms).toFixed(0)} ms (${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}), ` +
      `${rate(median(ms)).toLocaleString('en-US')} events/s`,
  );
}
for (const name of ['product', 'accumulated'] as const) {
  console.log(`${name} / baseline events/s: ${(median(runs.baseline) / median(runs[name])).toFixed(2)}x`);
}
