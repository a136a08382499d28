/**
 * Frames as a cold Observable of a `TestScheduler`, with the timing a test chooses: one frame
 * every N frames of virtual time, pauses, a stall, an error, or an explicit marble.
 *
 * @module
 */
import type { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';

/** A pause after one value: `frames` more frames of virtual time before the next. */
export interface FramePause {
  /** The position of the value the pause follows (0 for the first). */
  readonly after: number;
  /** How many frames of virtual time the pause adds. */
  readonly frames: number;
}

/** When each value comes, and how the stream ends. */
export interface FrameTiming {
  /**
   * Frames of virtual time from one value to the next, and from the last value to the end.
   *
   * @defaultValue `1`: one value per frame
   */
  readonly every?: number | undefined;
  /** Pauses after some values: a gap in the stream. */
  readonly pauses?: readonly FramePause[] | undefined;
  /**
   * How the stream ends: it completes (`|`), errors with `error` (`#`), or stalls (never ends,
   * as a connection that stays open with nothing more to say).
   *
   * @defaultValue `'complete'`
   */
  readonly ending?: 'complete' | 'error' | 'stall' | undefined;
  /** The error of `ending: 'error'` (or of a `#` in `marble`). */
  readonly error?: unknown;
  /**
   * An explicit marble instead: each value character stands for the next value, in order,
   * whatever the character (`'a-b 10ms c|'` carries three values), and `#` errors with `error`.
   */
  readonly marble?: string | undefined;
}

/** A marble diagram, with the values its characters stand for and its error. */
export interface FrameMarble<T> {
  /** The marble diagram. */
  readonly marble: string;
  /** The value of each value character of the marble. */
  readonly values: Readonly<Record<string, T>>;
  /** The error of a `#`. */
  readonly error: unknown;
}

/** The `cold` helper of `TestScheduler.run`, or `createColdObservable`. */
export type ColdFactory<T, O extends Observable<T>> = (marbles: string, values?: { [marble: string]: T }, error?: unknown) => O;

/** Characters a marble gives a meaning to: they never stand for a value. */
const MARBLE_SYNTAX = new Set([' ', '-', '(', ')', '|', '#', '^', '!']);
/** A time progression, such as `10ms `, which the marble parser reads only after a space or at the start. */
const TIME_PROGRESSION = /^[0-9]+(?:\.[0-9]+)?(?:ms|s|m) /;

/** The character that stands for the value at `position`: letters past Latin-1, never marble syntax. */
const keyOf = (position: number): string => String.fromCodePoint(position < 0xd700 ? 0x100 + position : 0x10000 + position);

/** An explicit marble with each value character replaced by the key of the next value. */
function keyed(marble: string, count: number): string {
  const characters = [...marble];
  let out = '';
  let values = 0;
  for (let at = 0; at < characters.length; at++) {
    const character = characters[at] as string;
    const progression = at === 0 || characters[at - 1] === ' ' ? TIME_PROGRESSION.exec(characters.slice(at).join('')) : null;
    if (progression !== null) {
      out += progression[0];
      at += [...progression[0]].length - 1;
    } else if (MARBLE_SYNTAX.has(character)) {
      out += character;
    } else {
      out += keyOf(values++);
    }
  }
  if (values !== count) throw new RangeError(`the marble "${marble}" has ${values} value(s) for ${count} frame(s)`);
  return out;
}

/**
 * The marble diagram of values with a chosen timing, and the values its characters stand for:
 * for `cold`, `hot` and the expected side of `expectObservable(...).toBe(...)`.
 *
 * @example
 * ```ts
 * import { frameMarble } from 'cohere-rx/testing';
 *
 * const { marble, values } = frameMarble(['a', 'b', 'c'], { every: 3 }); // three values 3 frames apart, then complete
 * ```
 *
 * @param frames The values, in order.
 * @param timing When each value comes, and how the stream ends.
 * @returns The marble, its values and its error.
 * @throws RangeError when `every` is not a positive whole number of frames, a pause not a whole
 *   number of frames (0 or more), or an explicit
 *   marble carries another number of values than there are frames.
 */
export function frameMarble<T>(frames: readonly T[], timing: FrameTiming = {}): FrameMarble<T> {
  const values = Object.fromEntries(frames.map((frame, position) => [keyOf(position), frame]));
  if (timing.marble !== undefined) return { marble: keyed(timing.marble, frames.length), values, error: timing.error };
  const every = timing.every ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`every must be a positive integer, got ${every}`);
  const gap = '-'.repeat(every - 1);
  const pauses = new Map<number, number>();
  for (const pause of timing.pauses ?? []) {
    if (!Number.isInteger(pause.frames) || pause.frames < 0) throw new RangeError(`a pause must be a whole number of frames, got ${pause.frames}`);
    pauses.set(pause.after, (pauses.get(pause.after) ?? 0) + pause.frames);
  }
  const body = frames.map((_, position) => `${keyOf(position)}${gap}${'-'.repeat(pauses.get(position) ?? 0)}`).join('');
  const ending = timing.ending ?? 'complete';
  return { marble: body + (ending === 'complete' ? '|' : ending === 'error' ? '#' : ''), values, error: timing.error };
}

/**
 * A cold Observable of frames for a `TestScheduler`, with a chosen timing (see
 * {@link FrameTiming}): the source of a marble test of your own pipeline.
 *
 * <span class="informal">Wire frames from the builders in, a `ColdObservable` out: pipe it
 * through your operators and `expectObservable` the result.</span>
 *
 * ```text
 * coldFrames(cold, [f0, f1, f2], { every: 2 })      f0-f1-f2-|
 * coldFrames(cold, [f0, f1], { ending: 'stall' })   f0f1        (never completes)
 * ```
 *
 * @example
 * ```ts
 * import { accumulateChat, chatV2, decodeEvents, sseFrames } from 'cohere-rx';
 * import { chatResponseOf, chatV2Events, coldFrames, createMarbleScheduler, toSseFrames } from 'cohere-rx/testing';
 *
 * test('the answer accumulates when message-end arrives', () => {
 *   const script = { text: ['Hello', ', world'] };
 *   createMarbleScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
 *     const frames = toSseFrames(chatV2Events(script)); // 6 events, then data: [DONE]
 *     const response$ = coldFrames(cold, frames).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat());
 *     expectObservable(response$).toBe('-----a|', { a: chatResponseOf(script) });
 *   });
 * });
 * ```
 *
 * @param cold The `cold` helper of `TestScheduler.run`.
 * @param frames The values, in order.
 * @param timing When each value comes, and how the stream ends.
 * @returns The cold Observable `cold` makes.
 * @throws RangeError as {@link frameMarble} does.
 */
export function coldFrames<T, O extends Observable<T>>(cold: ColdFactory<T, O>, frames: readonly T[], timing?: FrameTiming): O;
/**
 * A cold Observable of frames made by a `TestScheduler` outside `run()` (where one `-` is 10
 * frames of virtual time).
 *
 * @param scheduler The scheduler.
 * @param frames The values, in order.
 * @param timing When each value comes, and how the stream ends.
 * @returns The cold Observable.
 * @throws RangeError as {@link frameMarble} does.
 */
export function coldFrames<T>(scheduler: TestScheduler, frames: readonly T[], timing?: FrameTiming): Observable<T>;
export function coldFrames<T>(source: ColdFactory<T, Observable<T>> | TestScheduler, frames: readonly T[], timing: FrameTiming = {}): Observable<T> {
  const { marble, values, error } = frameMarble(frames, timing);
  return typeof source === 'function' ? source(marble, values, error) : source.createColdObservable(marble, values, error);
}
