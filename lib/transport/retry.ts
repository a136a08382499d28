/**
 * When and how long `fromCohere` waits before it sends a failed request again.
 *
 * @module
 */
import { CohereHttpError } from '../errors/index';
import { ConnectionError, DecodeError } from '../errors/index';
import { numberOption, TIMER_MS, type NumberRule } from '../errors/options';
import { timerDelay } from './timeouts';

/**
 * How failed requests are retried. Only failures before the first content (text, thinking, a
 * tool plan, a tool call, a citation) are ever retried: the events before it are held back
 * until it arrives, so a retried attempt is invisible downstream.
 */
export interface RetryOptions {
  /**
   * How many times a failed request is sent again (so at most `count + 1` requests): an
   * integer of at least 0. `0` disables retries.
   *
   * @defaultValue 2
   */
  readonly count?: number | undefined;
  /**
   * The base of the exponential backoff: the n-th retry waits a random time between half and
   * all of `baseDelayMs * 2^(n-1)`, capped at `maxDelayMs`. From 0 to 2147483647.
   *
   * @defaultValue 1000
   */
  readonly baseDelayMs?: number | undefined;
  /**
   * The longest wait before a retry. A wait the server asks for (`Retry-After`,
   * `X-RateLimit-Reset`) longer than this is cut to it. From 0 to 2147483647 (the longest a
   * timer can wait, about 24.8 days).
   *
   * @defaultValue 30000
   */
  readonly maxDelayMs?: number | undefined;
}

/** {@link RetryOptions} with every default filled in. */
export type RetrySettings = { readonly [K in keyof RetryOptions]-?: number };

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY: RetrySettings = { count: 2, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** What `retry.count` accepts. */
const COUNT: NumberRule = { integer: true, min: 0, max: Infinity };

/**
 * Fills in the defaults of the settings not given, and checks the ones given.
 *
 * @throws `InvalidOptionError` naming the option: `retry.count` takes an integer of at least 0,
 *   `retry.baseDelayMs` and `retry.maxDelayMs` a number of milliseconds from 0 to 2147483647.
 * @internal
 */
export function retrySettings(options: RetryOptions = {}): RetrySettings {
  return {
    count: numberOption('retry.count', options.count, COUNT, DEFAULT_RETRY.count),
    baseDelayMs: numberOption('retry.baseDelayMs', options.baseDelayMs, TIMER_MS, DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: numberOption('retry.maxDelayMs', options.maxDelayMs, TIMER_MS, DEFAULT_RETRY.maxDelayMs),
  };
}

/**
 * Whether a failure before the first content may be retried: a connection that failed or
 * dropped, a body cut cleanly inside a frame (`DecodeError` `truncated`), or an HTTP status
 * 408, 429 or 5xx. (The transport retries it only while no content has been delivered.)
 *
 * @internal
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (error instanceof DecodeError) return error.reason === 'truncated';
  if (error instanceof CohereHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return false;
}

/** Values of `X-RateLimit-Reset` above this are a Unix time in seconds; smaller ones are seconds to wait. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/**
 * The wait the server asks for, in ms: `Retry-After` (seconds, or an HTTP date), else
 * `X-RateLimit-Reset` (a Unix time in seconds, or seconds to wait); `undefined` if neither is
 * there or readable.
 *
 * @internal
 */
export function serverDelay(error: CohereHttpError, now: number = Date.now()): number | undefined {
  const retryAfter = error.retryAfter?.trim();
  if (retryAfter !== undefined && retryAfter !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const resetText = error.rateLimitReset?.trim();
  const reset = resetText === undefined || resetText === '' ? Number.NaN : Number(resetText);
  if (Number.isFinite(reset)) return Math.max(0, reset > EPOCH_SECONDS_THRESHOLD ? reset * 1000 - now : reset * 1000);
  return undefined;
}

/**
 * How long to wait before retry number `retry` (1 for the first): what the server asks for,
 * capped at `maxDelayMs`, else exponential backoff with jitter; always a delay a timer can
 * wait.
 *
 * @internal
 */
export function retryDelay(error: unknown, retry: number, settings: RetrySettings, random: () => number = Math.random): number {
  const asked = error instanceof CohereHttpError ? serverDelay(error) : undefined;
  if (asked !== undefined) return timerDelay(Math.min(asked, settings.maxDelayMs));
  // 0 * 2^1024 is NaN: the exponent stops where the cap is reached anyway.
  const ceiling = Math.min(settings.baseDelayMs * 2 ** Math.min(retry - 1, 64), settings.maxDelayMs);
  return timerDelay(ceiling / 2 + random() * (ceiling / 2));
}
