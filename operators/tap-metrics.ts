import { config, defer, tap, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import type { UnknownEvent } from '../lib/decoding/decoder';
import { EOS_TOKEN, type GenerateEvent } from '../lib/decoding/schemas/generate-events';
import { ApiMeta, type BedrockInvocationMetrics, type ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event, Usage } from '../lib/decoding/schemas/v2-chat-events';
import { InvalidOptionError } from '../lib/errors/index';

/** How a stream ended for {@link tapMetrics}: it completed, it failed, or its consumer unsubscribed first. */
export type StreamOutcome = 'complete' | 'error' | 'unsubscribed';

/** What {@link tapMetrics} reports once a stream has ended. Times are milliseconds from the subscription. */
export interface StreamMetrics {
  /** How the stream ended. */
  readonly outcome: StreamOutcome;
  /** The error the stream failed with (only when `outcome` is `error`). */
  readonly error?: unknown;
  /** When the first event arrived (`undefined` if none did). */
  readonly timeToFirstEventMs: number | undefined;
  /** When the first generated content arrived: text, thinking, tool plan or tool call (`undefined` if none did). */
  readonly timeToFirstContentMs: number | undefined;
  /** When the stream ended. */
  readonly durationMs: number;
  /** How many events passed, unknown events included. */
  readonly eventCount: number;
  /** How many characters of generated content arrived (UTF-16 code units, as `String.prototype.length` counts). */
  readonly contentCharacters: number;
  /** The usage the stream reported: V2 `message-end`'s `usage`, V1 or generate `stream-end`'s `response.meta`. */
  readonly usage: Usage | ApiMeta | undefined;
  /** The `amazon-bedrock-invocationMetrics` of a Bedrock stream's last chunk. */
  readonly invocationMetrics: BedrockInvocationMetrics | undefined;
  /** The output tokens reported: `tokens.output_tokens`, else `billed_units.output_tokens`, else Bedrock's `outputTokenCount`. */
  readonly outputTokens: number | undefined;
  /** `outputTokens` over the time from the first content to the end, per second, when both are known and that time is not 0. */
  readonly outputTokensPerSecond: number | undefined;
}

/** Options of {@link tapMetrics}. */
export interface TapMetricsOptions {
  /**
   * The clock, as its `now()`: `TestScheduler` in marble tests (times in frames), or any
   * scheduler.
   *
   * @defaultValue `performance.now()`: sub-millisecond, monotonic
   */
  readonly scheduler?: SchedulerLike | undefined;
}

/** The events {@link tapMetrics} reads: every family, and unknown events. */
export type MeteredEvent = ChatV2Event | ChatV1Event | GenerateEvent | UnknownEvent;

/** The discriminators of an event of any family, read before narrowing: V2 has `type`, V1 and generate `event_type`. */
interface AnyEvent {
  readonly type?: unknown;
  readonly event_type?: unknown;
}

/** The characters of generated content an event carries (0 for none). */
function contentOf(event: AnyEvent): number {
  switch (event.type) {
    case undefined:
      break;
    case 'content-delta': {
      const content = (event as Extract<ChatV2Event, { type: 'content-delta' }>).delta?.message?.content;
      return (content?.text?.length ?? 0) + (content?.thinking?.length ?? 0);
    }
    case 'tool-plan-delta':
      return (event as Extract<ChatV2Event, { type: 'tool-plan-delta' }>).delta?.message?.tool_plan?.length ?? 0;
    case 'tool-call-start':
      return (event as Extract<ChatV2Event, { type: 'tool-call-start' }>).delta?.message?.tool_calls?.function?.name?.length ?? 0;
    case 'tool-call-delta':
      return (event as Extract<ChatV2Event, { type: 'tool-call-delta' }>).delta?.message?.tool_calls?.function?.arguments?.length ?? 0;
    default:
      return 0;
  }
  switch (event.event_type) {
    case 'text-generation': {
      const { text } = event as Extract<ChatV1Event | GenerateEvent, { event_type: 'text-generation' }>;
      return text === EOS_TOKEN ? 0 : (text?.length ?? 0);
    }
    case 'tool-calls-chunk': {
      const { tool_call_delta: chunk, text } = event as Extract<ChatV1Event, { event_type: 'tool-calls-chunk' }>;
      return (chunk?.name?.length ?? 0) + (chunk?.parameters?.length ?? 0) + ((chunk?.text ?? text)?.length ?? 0);
    }
    default:
      return 0;
  }
}

/** The usage of a terminal event, and Bedrock's invocation metrics. */
function usageOf(event: AnyEvent | undefined): Pick<StreamMetrics, 'usage' | 'invocationMetrics'> {
  if (event?.type === 'message-end')
    return { usage: (event as Extract<ChatV2Event, { type: 'message-end' }>).delta?.usage ?? undefined, invocationMetrics: undefined };
  const end = event as Extract<ChatV1Event | GenerateEvent, { event_type: 'stream-end' }> | undefined;
  // A generate `meta` is any object: it counts as usage when it has the V1 shape.
  const meta = ApiMeta.safeParse(end?.response?.meta);
  return { usage: meta.success ? meta.data : undefined, invocationMetrics: end?.['amazon-bedrock-invocationMetrics'] ?? undefined };
}

/** The output tokens among the usage reported. */
function outputTokensOf({ usage, invocationMetrics }: Pick<StreamMetrics, 'usage' | 'invocationMetrics'>): number | undefined {
  return usage?.tokens?.output_tokens ?? usage?.billed_units?.output_tokens ?? invocationMetrics?.outputTokenCount ?? undefined;
}

/** Reports an error thrown by the callback as rxjs reports an error nobody can receive: `config.onUnhandledError`, else thrown on a timer. */
function reportCallbackError(error: unknown): void {
  setTimeout(() => {
    const { onUnhandledError } = config;
    if (onUnhandledError === null) throw error;
    onUnhandledError(error);
  });
}

/** What one subscription has seen. */
class Meter {
  private readonly startedAt: number;
  private eventCount = 0;
  private firstEventAt: number | undefined;
  private firstContentAt: number | undefined;
  private contentCharacters = 0;
  private terminal: AnyEvent | undefined;
  private reported = false;

  constructor(
    private readonly now: () => number,
    private readonly callback: (metrics: StreamMetrics) => void,
  ) {
    this.startedAt = now();
  }

  /** Counts an event: a counter, a few member reads, and the clock only for the first event and the first content. */
  event(event: AnyEvent): void {
    if (this.eventCount++ === 0) this.firstEventAt = this.now();
    const characters = contentOf(event);
    if (characters > 0) {
      if (this.firstContentAt === undefined) this.firstContentAt = this.now();
      this.contentCharacters += characters;
    } else if (event.type === 'message-end' || event.event_type === 'stream-end') this.terminal = event;
  }

  /** Calls the callback, the first time only; an error it throws is reported, never passed to the stream. */
  end(outcome: StreamOutcome, error?: unknown): void {
    if (this.reported) return;
    this.reported = true;
    const durationMs = this.now() - this.startedAt;
    const timeToFirstContentMs = this.firstContentAt === undefined ? undefined : this.firstContentAt - this.startedAt;
    const usage = usageOf(this.terminal);
    const outputTokens = outputTokensOf(usage);
    const generatingMs = timeToFirstContentMs === undefined ? 0 : durationMs - timeToFirstContentMs;
    const metrics: StreamMetrics = {
      outcome,
      ...(outcome === 'error' ? { error } : {}),
      timeToFirstEventMs: this.firstEventAt === undefined ? undefined : this.firstEventAt - this.startedAt,
      timeToFirstContentMs,
      durationMs,
      eventCount: this.eventCount,
      contentCharacters: this.contentCharacters,
      ...usage,
      outputTokens,
      outputTokensPerSecond: outputTokens !== undefined && generatingMs > 0 ? outputTokens / (generatingMs / 1000) : undefined,
    };
    try {
      this.callback(metrics);
    } catch (thrown) {
      reportCallbackError(thrown);
    }
  }
}

/**
 * Measures a stream as it passes: when it ends, calls `callback` once with its timings, its
 * size and the usage it reported, without a second subscription and without changing an event.
 *
 * <span class="informal">Events of any family in, the same events out, at the same time; one
 * {@link StreamMetrics} report when the stream completes, fails or is unsubscribed.</span>
 *
 * ```text
 * source:  -s-b-d-d-e-|
 * > tapMetrics(report)
 * result:  -s-b-d-d-e-|
 * report:  -----------m
 *
 * source:  -s-b-d-#
 * > tapMetrics(report)
 * result:  -s-b-d-#
 * report:  -------n
 *
 * s: message-start   b: content-start   d: content-delta ('Hel', then 'lo')   e: message-end (usage)
 * m: { outcome: 'complete', timeToFirstEventMs: 1, timeToFirstContentMs: 5, durationMs: 11,
 *      eventCount: 5, contentCharacters: 5, usage, outputTokens, outputTokensPerSecond }
 * n: { outcome: 'error', error: the source's error, durationMs: 7, eventCount: 3, usage: undefined, … }
 * ```
 *
 * 1. Events pass through unchanged, each when it arrives; per event the operator reads a few
 *    members and adds to two counters (the clock is read for the first event, the first
 *    content and the end only).
 * 2. **Content** is what the model generates: V2 `content-delta` text and thinking,
 *    `tool-plan-delta`, a `tool-call-start`'s function name and `tool-call-delta` arguments; V1
 *    and AWS `text-generation` text and `tool-calls-chunk` pieces; generate `text-generation`
 *    text (not Bedrock's `<EOS_TOKEN>`). Citations, search results and the complete
 *    `tool-calls-generation` that repeats the chunks are not. `timeToFirstContentMs` is when
 *    the first non-empty piece arrived, `contentCharacters` the length of all of them.
 * 3. **Usage** is what the terminal event reports: V2 `message-end`'s `usage` (`billed_units`,
 *    `tokens`, `cached_tokens`), V1 and generate `stream-end`'s `response.meta` (`billed_units`,
 *    `tokens`), and Bedrock's `amazon-bedrock-invocationMetrics` (`inputTokenCount`,
 *    `outputTokenCount`, `invocationLatency`, `firstByteLatency`) as `invocationMetrics`.
 *    `outputTokensPerSecond` is `outputTokens` over `durationMs - timeToFirstContentMs`: the
 *    rate of generation once it started, the wait for the first token left out.
 * 4. **Once.** `callback` runs when the stream completes or fails, before the notification
 *    goes on (so it has run when a `lastValueFrom` resolves or rejects), or when the consumer
 *    unsubscribes first (`outcome: 'unsubscribed'`: a cancelled request still took time, and
 *    maybe tokens). Each subscription is measured on its own, from the moment it subscribes
 *    (for a transport, when the request is sent).
 * 5. **A throwing callback** does not touch the stream: its error goes where rxjs sends an
 *    error nobody can receive, `config.onUnhandledError` if set, else thrown on a timer.
 * 6. **The clock** is `performance.now()`, or `options.scheduler.now()` (a `TestScheduler`
 *    makes the times frames, as above).
 *
 * ## Example
 *
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat, chatStream, tapMetrics } from 'cohere-rx';
 *
 * const response = await lastValueFrom(
 *   chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }).pipe(
 *     tapMetrics((metrics) => console.log(metrics.timeToFirstContentMs, metrics.outputTokensPerSecond)),
 *     accumulateChat(),
 *   ),
 * );
 * ```
 *
 * @param callback Called once with the metrics of each subscription.
 * @param options The clock.
 * @returns An operator that passes events through unchanged.
 * @throws {@link InvalidOptionError} at the call when `callback` is not a function or `options.scheduler` has no `now()`.
 */
export function tapMetrics<E extends MeteredEvent>(callback: (metrics: StreamMetrics) => void, options: TapMetricsOptions = {}): MonoTypeOperatorFunction<E> {
  if (typeof callback !== 'function') throw new InvalidOptionError({ option: 'callback', expected: 'a function', received: describeValue(callback) });
  const { scheduler } = options;
  if (scheduler !== undefined && typeof (scheduler as Partial<SchedulerLike> | null)?.now !== 'function') {
    throw new InvalidOptionError({ option: 'scheduler', expected: 'a scheduler (an object with now())', received: describeValue(scheduler) });
  }
  const now = scheduler === undefined ? () => performance.now() : () => scheduler.now();
  return (source) =>
    defer(() => {
      const meter = new Meter(now, callback);
      return source.pipe(
        tap({
          next: (event) => meter.event(event as AnyEvent),
          complete: () => meter.end('complete'),
          error: (error: unknown) => meter.end('error', error),
          unsubscribe: () => meter.end('unsubscribed'),
        }),
      );
    });
}

/** A value as an option error names it. */
const describeValue = (value: unknown): string => (value === null ? 'null' : typeof value);
