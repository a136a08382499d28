import type { OperatorFunction } from 'rxjs';
import { reduceStream, type ItemOptions } from '../lib/accumulate/complete-stream';
import { generateFold } from '../lib/accumulate/generate-reducer';
import type { UnknownEvent } from '../lib/decoding/decoder';
import type { GenerateEvent, GenerateStreamEnd } from '../lib/decoding/schemas/generate-events';

/**
 * Assembles a generate stream into its final `GenerateStreamEnd`, checked against the
 * streamed text.
 *
 * <span class="informal">Generate events in, one `GenerateStreamEnd` out when the terminal
 * event arrives; a stream that ends without it is an {@link IncompleteStreamError} with the
 * partial value.</span>
 *
 * ```text
 * source:  -a-b-x-c-e-|
 * > accumulateGenerate()
 * result:  ---------r-|
 *
 * source:  -a-b-|
 * > accumulateGenerate()
 * result:  -----#
 *
 * a: text-generation 0 " Hi"   b: text-generation 1 " Yo"   x: stream-error 1 (ERROR)
 * c: text-generation 0 "!"     e: stream-end
 * r: the GenerateStreamEnd: generation 0 " Hi!", generation 1 " Yo" failed (ERROR)
 * #: IncompleteStreamError, partial: generation 0 " Hi", generation 1 " Yo"
 * ```
 *
 * 1. Each event is folded with {@link reduceGenerate}: text is appended per generation (`index`,
 *    a missing one is 0, chunks of several generations interleave), `<EOS_TOKEN>` chunks are
 *    left out, and a `stream-error` records that generation's failure while the others go on.
 *    Unknown events (from `decodeEvents(generate, { unknownEvents: 'emit' })`) are skipped.
 * 2. When the terminal event arrives (`stream-end`, or a `text-generation` with
 *    `is_finished: true`; older and Bedrock Command frames are decoded as `stream-end`), the
 *    final value is emitted at once (see {@link toGenerateStreamEnd}): `stream-end`'s `response`,
 *    each generation checked against its streamed text (a difference is a
 *    {@link TextMismatchError} with `generationIndex`), or, when there is no `response` with
 *    `generations`, `{ generations: [{ index, text, finish_reason }] }` built from the stream.
 *    A failed generation keeps its `finish_reason` and its `err` as an extra member.
 *    The result completes when the source does.
 * 3. An event after the terminal event is a {@link StreamOrderError} (`after-terminal`), and so
 *    is an event for a generation after its `stream-error`.
 * 4. A source that completes before the terminal event is an {@link IncompleteStreamError}
 *    whose `partial` is the {@link GenerateSnapshot} so far (`undefined` when no event arrived),
 *    with `lastEvent` and `eventCount`. So is a source that fails after events arrived (a
 *    {@link StreamInterruptedError} such as a dropped connection, a stall or an AWS exception
 *    frame, or a `DecodeError` or `SchemaError`), with the failure as `cause`; a cut after the
 *    terminal event changes nothing. Other errors pass through.
 *
 * Streams recorded as excerpts that keep one chunk per generation and the full text only in
 * `stream-end` (mlflow's documented example) fail with {@link TextMismatchError}: the stream
 * and its final response disagree, and nothing says which one is right.
 *
 * ## Example
 *
 * ```ts
 * import { accumulateGenerate, generateStream } from 'cohere-rx';
 *
 * generateStream({ prompt: 'Say hi', num_generations: 2 })
 *   .pipe(accumulateGenerate())
 *   .subscribe((end) => end.generations?.forEach((g) => console.log(g.index, g.finish_reason, g.text)));
 * ```
 *
 * @see {@link groupGenerationsByIndex} to follow each generation as it streams.
 * @param options `maxItems`: the most generations a stream may place.
 * @returns An operator from generate events to the final `GenerateStreamEnd`.
 * @throws {@link IncompleteStreamError}, {@link StreamOrderError} and {@link TextMismatchError}
 * as error notifications.
 */
export function accumulateGenerate(options: ItemOptions = {}): OperatorFunction<GenerateEvent | UnknownEvent, GenerateStreamEnd> {
  return reduceStream([generateFold], options);
}
