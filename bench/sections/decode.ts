/**
 * What decoding, validation and accumulation cost: `sseFrames() + decodeEvents(chatV2)`, and the
 * same with `accumulateChat()`, against a plain
 * eventsource-parser + JSON.parse loop, over the same in-memory V2 chat stream, measured in the
 * same process with interleaved repetitions; then what many items cost (`items.ts`). Run with
 * `npm run bench:decode [-- events reps]`.
 */
import { createParser } from 'eventsource-parser';
import { from } from 'rxjs';
import { accumulateChat, chatV2, decodeEvents, sseFrames, type ChatResponse, type ChatV2Event } from '../../lib/index';
import { v2ChatSse } from '../servers/bodies';
import { SLICE_BYTES } from '../servers/slices';
import { median } from '../runner/stats';
import { expectedText } from '../data/tokens';
import { measureItems } from './items';

const events = Number(process.argv[2] ?? 100_000);
const reps = Number(process.argv[3] ?? 7);

/** The stream of `n` content deltas, in 16 KiB chunks, and its text. */
function render(n: number): { chunks: Uint8Array[]; text: string } {
  const bytes = v2ChatSse(n, true);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) chunks.push(bytes.subarray(at, at + SLICE_BYTES));
  return { chunks, text: expectedText(n) };
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

const { chunks, text } = render(events);
const total = events + 4;
const runs = { baseline: [] as number[], product: [] as number[], accumulated: [] as number[] };
for (let rep = 0; rep < reps + 1; rep++) {
  for (const [name, consume] of [
    ['baseline', baseline],
    ['product', product],
    ['accumulated', accumulated],
  ] as const) {
    const start = performance.now();
    const result = consume(chunks);
    const ms = performance.now() - start;
    if (result !== text) throw new Error(`${name} produced the wrong text (${result.length} vs ${text.length} characters)`);
    if (rep > 0) runs[name].push(ms); // the first repetition warms the JIT up
  }
}
const rate = (ms: number) => Math.round(total / (ms / 1000));
console.log(
  `${total} events, ${(chunks.reduce((sum, chunk) => sum + chunk.length, 0) / 1e6).toFixed(1)} MB in 16 KiB chunks, ${reps} interleaved repetitions after one warm-up`,
);
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

void measureItems(Math.max(3, Math.min(reps, 5))).then((linear) => {
  if (!linear) process.exitCode = 1;
});
