import { CohereHttpError, ConnectionError, DecodeError, InvalidOptionError, StreamTimeoutError } from '../../lib/index';
import { httpError, type HttpErrorDetails } from '../../lib/errors/http';
import { DEFAULT_RETRY, isRetryable, retryDelay, retrySettings, serverDelay } from '../../lib/transport/retry';
import { DEFAULT_TIMEOUTS, timeoutSettings } from '../../lib/transport/timeouts';

const httpErrorFor = (status: number, details: Partial<HttpErrorDetails> = {}) =>
  httpError({
    status,
    statusText: '',
    endpoint: 'v2/chat',
    body: '',
    bodyTruncated: false,
    contentType: 'application/json',
    requestId: undefined,
    retryAfter: undefined,
    rateLimitReset: undefined,
    ...details,
  });

const now = Date.parse('2026-01-01T00:00:00Z');

describe('retry policy', () => {
  test('retries connection failures, bodies cut inside a frame, and 408, 429 and 5xx (the transport, only before content)', () => {
    expect(isRetryable(new ConnectionError({ endpoint: 'v2/chat', framesReceived: 0, cause: new Error('reset') }))).toBe(true);
    expect(isRetryable(new ConnectionError({ endpoint: 'v2/chat', framesReceived: 3, cause: new Error('reset') }))).toBe(true);
    expect(isRetryable(new DecodeError({ reason: 'truncated', frame: '{"type":"mess', message: 'cut' }))).toBe(true);
    expect(isRetryable(new DecodeError({ reason: 'invalid-json', frame: '{', message: 'bad' }))).toBe(false);
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryable(httpErrorFor(status))).toBe(true);
    for (const status of [400, 401, 403, 404, 422, 498, 499]) expect(isRetryable(httpErrorFor(status))).toBe(false);
    expect(isRetryable(new StreamTimeoutError({ endpoint: 'v2/chat', phase: 'headers', limitMs: 100, framesReceived: 0 }))).toBe(false);
    expect(isRetryable(new Error('anything else'))).toBe(false);
  });

  test('reads Retry-After as seconds or an HTTP date, and X-RateLimit-Reset as a Unix time or seconds', () => {
    expect(serverDelay(httpErrorFor(429, { retryAfter: '2' }), now)).toBe(2000);
    expect(serverDelay(httpErrorFor(429, { retryAfter: '0.5' }), now)).toBe(500);
    expect(serverDelay(httpErrorFor(429, { retryAfter: new Date(now + 3000).toUTCString() }), now)).toBe(3000);
    expect(serverDelay(httpErrorFor(429, { retryAfter: new Date(now - 3000).toUTCString() }), now)).toBe(0);
    expect(serverDelay(httpErrorFor(429, { rateLimitReset: String(now / 1000 + 4) }), now)).toBe(4000);
    expect(serverDelay(httpErrorFor(429, { rateLimitReset: '8' }), now)).toBe(8000);
    expect(serverDelay(httpErrorFor(429, { retryAfter: 'soon', rateLimitReset: 'later' }), now)).toBeUndefined();
    expect(serverDelay(httpErrorFor(503), now)).toBeUndefined();
  });

  test('waits what the server asks, cut to maxDelayMs, else backs off exponentially with jitter', () => {
    const settings = retrySettings({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(retryDelay(httpErrorFor(429, { retryAfter: '0.25' }), 1, settings)).toBe(250);
    expect(retryDelay(httpErrorFor(429, { retryAfter: '3600' }), 1, settings)).toBe(1000);
    const connection = new ConnectionError({ endpoint: 'v2/chat', framesReceived: 0, cause: new Error('reset') });
    expect(retryDelay(connection, 1, settings, () => 0)).toBe(50);
    expect(retryDelay(connection, 1, settings, () => 1)).toBe(100);
    expect(retryDelay(connection, 3, settings, () => 1)).toBe(400);
    expect(retryDelay(connection, 10, settings, () => 1)).toBe(1000);
    expect(retryDelay(connection, 10, settings, () => 0)).toBe(500);
  });

  test('fills in defaults, and rejects values that are not numbers in range instead of falling back', () => {
    expect(retrySettings()).toEqual(DEFAULT_RETRY);
    expect(retrySettings({ count: 0 })).toEqual({ ...DEFAULT_RETRY, count: 0 });
    expect(() => retrySettings({ baseDelayMs: -1 })).toThrow(InvalidOptionError);
    expect(() => retrySettings({ maxDelayMs: Number.NaN })).toThrow(InvalidOptionError);
    expect(timeoutSettings()).toEqual(DEFAULT_TIMEOUTS);
    expect(timeoutSettings({ idleMs: 0 })).toEqual({ ...DEFAULT_TIMEOUTS, idleMs: 0 });
    expect(() => timeoutSettings({ headersMs: -5 })).toThrow(InvalidOptionError);
    expect(() => timeoutSettings({ firstFrameMs: Number.NaN })).toThrow(InvalidOptionError);
  });

  test('a limit no timer can hold (Infinity, past 2^31 - 1 ms) is rejected, not turned into an instant timeout', () => {
    expect(timeoutSettings({ idleMs: 2 ** 31 - 1 })).toMatchObject({ idleMs: 2 ** 31 - 1 });
    expect(() => timeoutSettings({ headersMs: Number.POSITIVE_INFINITY })).toThrow('timeouts.headersMs');
    expect(() => timeoutSettings({ firstFrameMs: 2 ** 31 })).toThrow('timeouts.firstFrameMs');
  });
});

describe('error classes', () => {
  test('an HTTP error reads Cohere message, keeps a bounded body and names the status', () => {
    const error = httpErrorFor(429, { body: '{"message":"slow down"}', requestId: 'abc' });
    expect(error).toBeInstanceOf(CohereHttpError);
    expect(error.name).toBe('TooManyRequestsError');
    expect(error.cohereMessage).toBe('slow down');
    expect(error.message).toContain('"slow down"');
    expect(error.message).toContain('request id abc');
    const big = httpErrorFor(500, { body: 'x'.repeat(10_000) });
    expect(big.body).toHaveLength(4096);
    expect(big.bodyTruncated).toBe(true);
    expect(big.message.length).toBeLessThan(1000);
  });

  test('a JSON body without a message, and an empty body, are described', () => {
    expect(httpErrorFor(400, { body: '{"detail":"x"}' }).message).toContain('JSON body without a "message"');
    expect(httpErrorFor(400, { body: '' }).message).toContain('empty body');
  });
});
