/**
 * The error of an option given a value it does not accept, and the one check every numeric
 * option goes through when it is given (when the function that takes it is called, before
 * anything is subscribed or sent).
 *
 * @module
 */
import { CohereStreamError } from './cohere-stream-error';

/** What an {@link InvalidOptionError} is built from: its fields. */
export type InvalidOptionErrorDetails = Pick<InvalidOptionError, 'option' | 'expected' | 'received'>;

/**
 * An option was given a value it does not accept: `NaN`, a negative size, a fraction where a
 * count is needed, a delay longer than a timer can wait. Thrown when the function that takes the
 * option is called, so a misconfiguration (`Number(process.env.X)` of an unset variable, say)
 * fails at once instead of silently removing a protection.
 */
export class InvalidOptionError extends CohereStreamError {
  override name = 'InvalidOptionError';
  /** The option, as it is written in a call, e.g. `maxFrameSize` or `retry.maxDelayMs`. */
  readonly option: string;
  /** What it accepts, e.g. `an integer from 1 to 2147483647`. */
  readonly expected: string;
  /** What it was given, e.g. `NaN`. */
  readonly received: string;

  constructor(details: InvalidOptionErrorDetails) {
    super(
      `The option ${details.option} accepts ${details.expected}, received ${details.received}. ` +
        'Pass a value in that range, or leave the option out for its default.',
    );
    this.option = details.option;
    this.expected = details.expected;
    this.received = details.received;
  }
}

/** What a numeric option accepts. */
export interface NumberRule {
  /** Whether only whole numbers are accepted. */
  readonly integer?: boolean;
  /** The smallest value accepted. */
  readonly min: number;
  /** The largest value accepted. */
  readonly max: number;
}

/** The longest delay a timer can wait (2^31 - 1 ms); Node and browsers fire a longer one at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** A rule for a duration in milliseconds that a timer waits: 0 to {@link LONGEST_TIMER_MS}. */
export const TIMER_MS: NumberRule = { integer: false, min: 0, max: LONGEST_TIMER_MS };

function describe(rule: NumberRule): string {
  const kind = rule.integer === true ? 'an integer' : 'a number';
  return rule.max === Infinity ? `${kind} of at least ${rule.min}` : `${kind} from ${rule.min} to ${rule.max}`;
}

/**
 * How an option's value is quoted in an {@link InvalidOptionError}: a number as is, a string
 * quoted, anything else by its type.
 *
 * @internal
 */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return value === null ? 'null' : typeof value;
}

/**
 * The value of a numeric option: `fallback` when it is `undefined`, else the value itself once it
 * is a finite number within `rule`.
 *
 * @param option The option's name as a caller writes it, e.g. `timeouts.idleMs`.
 * @throws {@link InvalidOptionError} for anything else (`NaN`, `Infinity`, a string, out of range).
 * @internal
 */
export function numberOption(option: string, value: unknown, rule: NumberRule, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || value > rule.max || (rule.integer === true && !Number.isInteger(value))) {
    throw new InvalidOptionError({ option, expected: describe(rule), received: showValue(value) });
  }
  return value;
}

/**
 * The value of an option that takes one of a few strings: `fallback` when it is `undefined`, else
 * the value itself once it is one of `choices`.
 *
 * @param option The option's name as a caller writes it, e.g. `unknownFields`.
 * @throws {@link InvalidOptionError} for anything else (another string, a number, `null`).
 * @internal
 */
export function choiceOption<const C extends string>(option: string, value: unknown, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new InvalidOptionError({ option, expected: choices.map((choice) => `'${choice}'`).join(' or '), received: showValue(value) });
  }
  return value as C;
}
