/**
 * `replayCassette`: a recorded take as a cold Observable of its chunks, with its timing scaled
 * and its ending as it was recorded.
 *
 * @module
 */
import { asyncScheduler, Observable, type SchedulerAction } from 'rxjs';
import { RecordedStreamError } from '../errors/cassettes';
import { numberOption } from '../errors/options';
import { CASSETTE_MAX_GAP_MS, type CassetteTake } from './format';
import { takeOf, type CassetteInput } from './read-cassette';

/** Options of {@link replayCassette} (and of `cassetteReply` in `cohere-rx/testing`). */
export interface ReplayOptions {
  /**
   * How much faster than recorded: each gap is divided by it (`2`: twice as fast, `0.5`: half
   * as fast). `Infinity` replays every chunk at once, synchronously, with no timer: for tests.
   * Accepts a number of at least 0.01, or `Infinity`.
   *
   * @defaultValue `1`: as recorded
   */
  readonly speed?: number | undefined;
  /**
   * The take to replay, by its number.
   *
   * @defaultValue the take with the highest number among those that ended
   */
  readonly take?: number | undefined;
}

/** The slowest speed: a minute's gap then lasts 100 minutes, still a timer's delay. */
const SLOWEST = 0.01;

/**
 * The `speed` option checked: `Infinity`, or a finite number of at least 0.01.
 *
 * @throws `InvalidOptionError` for anything else.
 * @internal
 */
export function speedOption(value: unknown): number {
  return value === Infinity ? Infinity : numberOption('speed', value, { min: SLOWEST, max: Infinity }, 1);
}

/**
 * When each chunk of a take is due, and its ending, in milliseconds from the answer's headers:
 * the recorded gaps, each cut to one minute (`CASSETTE_MAX_GAP_MS`), divided by `speed`.
 *
 * @internal
 */
export function replayTimes(take: CassetteTake, speed: number): { readonly chunks: readonly number[]; readonly ending: number } {
  let due = 0;
  let last = 0;
  const at = (t: number) => {
    due += Math.min(t - last, CASSETTE_MAX_GAP_MS) / speed;
    last = t;
    return due;
  };
  const chunks = take.chunks.map((chunk) => at(chunk.t));
  return { chunks, ending: at(take.ending.t) };
}

/**
 * The error a replay ends with, when its take did not end complete.
 *
 * @internal
 */
export function recordedFailure(take: CassetteTake): RecordedStreamError | undefined {
  const { ending } = take;
  if (ending.end === 'complete') return undefined;
  return new RecordedStreamError({ endpoint: take.header.endpoint, ending: ending.end, recorded: ending.error, chunksReplayed: take.chunks.length });
}

/**
 * Replays a recorded take as a cold Observable of its chunks: the same bytes, cut at the same
 * places, at the recorded times divided by `speed`, ending as the recording did. Pipe it
 * through the framing of its header (`sseFrames()` for `"framing":"sse"`, `jsonFrames()` for
 * `"json"` and `"chunks"`), `decodeEvents()` and any operator, as the transport's chunks.
 *
 * <span class="informal">A production incident, in a test: the same bytes, the same timing,
 * the same way of ending.</span>
 *
 * 1. **Timing.** Each subscription starts at the take's headers; a chunk is emitted at its
 *    recorded time (milliseconds after the headers), each gap divided by `speed`. A gap longer
 *    than a minute (a stall) is replayed as one minute (`CASSETTE_MAX_GAP_MS`), before `speed`
 *    divides it. The timers are `asyncScheduler`'s, so `TestScheduler.run()` replays in
 *    virtual time. `speed: Infinity` emits every chunk synchronously, with no timer.
 * 2. **Ending.** A take read to its end completes; one whose source failed (`"end":"error"`,
 *    a dropped connection) or whose reader stopped (`"end":"stopped"`, a timeout, an abort)
 *    errors with a {@link RecordedStreamError} (a `StreamInterruptedError`) holding the recorded
 *    error, at the recorded time: `accumulateChat()` then reports an `IncompleteStreamError`
 *    with the partial answer, as it did live.
 * 3. **Cancellation.** Unsubscribing clears the pending timer.
 * 4. **Checks.** The cassette is read when `replayCassette` is called (see `readCassette`):
 *    a bad line is a `CassetteFormatError` naming it, a bad option an `InvalidOptionError`.
 *
 * ## Example
 *
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { accumulateChat, chatV2, decodeEvents, sseFrames } from 'cohere-rx';
 * import { replayCassette } from 'cohere-rx/testing';
 *
 * replayCassette(readFileSync('incident.cassette.jsonl', 'utf8'), { speed: Infinity })
 *   .pipe(sseFrames(), decodeEvents(chatV2), accumulateChat())
 *   .subscribe({ next: (response) => console.log(response.finish_reason), error: (error) => console.error(error) });
 * ```
 *
 * @param cassette The cassette's text, its lines (as a sink received them), or a take `readCassette` read.
 * @param options `speed` and `take`.
 * @returns A cold Observable of the take's chunks.
 * @throws `CassetteFormatError` and `InvalidOptionError` at the call.
 */
export function replayCassette(cassette: CassetteInput, options: ReplayOptions = {}): Observable<Uint8Array> {
  const speed = speedOption(options.speed);
  const take = takeOf(cassette, options.take);
  const times = replayTimes(take, speed);
  const chunks = take.chunks.map((chunk) => chunk.bytes);
  return new Observable<Uint8Array>((subscriber) => {
    const end = () => {
      const failure = recordedFailure(take);
      if (failure === undefined) subscriber.complete();
      else subscriber.error(failure);
    };
    if (speed === Infinity) {
      for (const bytes of chunks) {
        if (subscriber.closed) return undefined;
        subscriber.next(bytes);
      }
      end();
      return undefined;
    }
    const start = asyncScheduler.now();
    let next = 0;
    /** Emits what is due, then waits for what comes next. */
    function step(this: SchedulerAction<void>): void {
      const elapsed = asyncScheduler.now() - start;
      for (; next < chunks.length && (times.chunks[next] ?? 0) <= elapsed; next++) {
        subscriber.next(chunks[next] as Uint8Array);
        if (subscriber.closed) return;
      }
      const due = next < chunks.length ? times.chunks[next] : times.ending;
      if (due !== undefined && due > elapsed) this.schedule(undefined, due - elapsed);
      else end();
    }
    return asyncScheduler.schedule(step, times.chunks[0] ?? times.ending);
  });
}
