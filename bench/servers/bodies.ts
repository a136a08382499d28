/**
 * The bodies the benchmark servers send, rendered with cohere-rx/testing's wire framing a batch
 * of events at a time (so a million events never sit in memory as objects at once).
 */
import { toBedrockMessages, toSageMakerMessages, toSseFrames } from '../../lib/testing/index';
import { joinBytes } from './slices';
import { awsChatEvents, v2ChatEvents } from '../data/stream-events';

/** Events per rendering batch. */
const BATCH = 10_000;

/** The pieces `render` makes of each batch of `events`. */
function* inBatches<P>(events: Iterable<object>, render: (batch: object[]) => P[]): Generator<P> {
  let batch: object[] = [];
  for (const event of events) {
    batch.push(event);
    if (batch.length === BATCH) {
      yield* render(batch);
      batch = [];
    }
  }
  yield* render(batch);
}

/**
 * The SSE body of a V2 chat answer of `count` content deltas: `event: <type>\ndata: <json>\n\n`
 * per event.
 *
 * @param count How many content deltas.
 * @param done Whether `data: [DONE]` follows `message-end`.
 * @returns The body.
 */
export function v2ChatSse(count: number, done: boolean): Buffer {
  function* frames(): Generator<string> {
    yield* inBatches(v2ChatEvents(count), (batch) => toSseFrames(batch, { done: false }));
    if (done) yield 'data: [DONE]\n\n';
  }
  return joinBytes(frames());
}

/**
 * The Bedrock event-stream body of a Command R answer of `count` text deltas: one `chunk`
 * message per event.
 *
 * @param count How many text deltas.
 * @returns The body.
 */
export const bedrockBody = (count: number): Buffer => joinBytes(inBatches(awsChatEvents(count), toBedrockMessages));

/**
 * The SageMaker event-stream body of a Command R answer of `count` text deltas: one
 * `PayloadPart` message per JSON line.
 *
 * @param count How many text deltas.
 * @returns The body.
 */
export const sagemakerBody = (count: number): Buffer => joinBytes(inBatches(awsChatEvents(count), (batch) => toSageMakerMessages(batch)));
