import { config, from, lastValueFrom, NEVER, Observable, Subject, take, timer, concat, toArray } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  InvalidOptionError,
  tapMetrics,
  type ChatV1Event,
  type ChatV2Event,
  type GenerateEvent,
  type MeteredEvent,
  type StreamMetrics,
  type TapMetricsOptions,
} from '../../lib/index';
import { chatV1Event, chatV1Events, chatV2Event, DEFAULT_USAGE, generateEvent, generateEvents, unknownEvent } from '../../lib/testing/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';

/** Runs a marble test whose reports (and the frame of each) are collected, the clock being the test scheduler. */
function marbles(run: (helpers: Parameters<Parameters<TestScheduler['run']>[0]>[0], options: TapMetricsOptions) => void): void {
  const scheduler = createScheduler();
  scheduler.run((helpers) => run(helpers, { scheduler }));
}

/** The V2 events of the diagram: s b d d e. */
const v2 = {
  s: chatV2Event.start(),
  b: chatV2Event.contentStart(),
  d: chatV2Event.text('Hel'),
  f: chatV2Event.text('lo'),
  e: chatV2Event.end(),
};

describe('tapMetrics', () => {
  test('passes V2 events through unchanged and reports once at completion, in frames of the test scheduler', () => {
    const reports: [number, StreamMetrics][] = [];
    marbles(({ cold, expectObservable, expectSubscriptions, flush }, options) => {
      const source = cold('-s-b-d-f-e-|', v2);
      const scheduler = options.scheduler as TestScheduler;
      expectObservable(source.pipe(tapMetrics((metrics) => reports.push([scheduler.now(), metrics]), options))).toBe('-s-b-d-f-e-|', v2);
      expectSubscriptions(source.subscriptions).toBe('^----------!');
      flush();
    });
    expect(reports).toEqual([
      [
        11,
        {
          outcome: 'complete',
          timeToFirstEventMs: 1,
          timeToFirstContentMs: 5,
          durationMs: 11,
          eventCount: 5,
          contentCharacters: 5,
          usage: DEFAULT_USAGE,
          invocationMetrics: undefined,
          outputTokens: 2,
          outputTokensPerSecond: 2 / (6 / 1000),
        },
      ],
    ]);
  });

  test('the events are the very objects the source emitted', () => {
    const seen: unknown[] = [];
    marbles(({ cold, flush }, options) => {
      cold('-s-b-d-f-e-|', v2)
        .pipe(tapMetrics(() => undefined, options))
        .subscribe((event) => seen.push(event));
      flush();
    });
    expect(seen).toHaveLength(5);
    [v2.s, v2.b, v2.d, v2.f, v2.e].forEach((event, i) => expect(seen[i]).toBe(event));
  });

  test('a failed stream: reported once with its error, before the error goes on; the error passes unchanged', () => {
    const reports: StreamMetrics[] = [];
    const boom = new Error('connection reset');
    marbles(({ cold, expectObservable }, options) => {
      const source = cold('-s-b-d-#', v2, boom);
      expectObservable(source.pipe(tapMetrics((metrics) => reports.push(metrics), options))).toBe('-s-b-d-#', v2, boom);
    });
    expect(reports).toEqual([
      {
        outcome: 'error',
        error: boom,
        timeToFirstEventMs: 1,
        timeToFirstContentMs: 5,
        durationMs: 7,
        eventCount: 3,
        contentCharacters: 3,
        usage: undefined,
        invocationMetrics: undefined,
        outputTokens: undefined,
        outputTokensPerSecond: undefined,
      },
    ]);
  });

  test('the report comes before the notification goes on: it has run when lastValueFrom settles', async () => {
    const order: string[] = [];
    await lastValueFrom(from([v2.s, v2.d, v2.e]).pipe(tapMetrics(() => order.push('report')))).then(() => order.push('resolved'));
    await lastValueFrom(
      concat(from([v2.s]), new Observable<ChatV2Event>((subscriber) => subscriber.error(new Error('x')))).pipe(tapMetrics(() => order.push('report'))),
    ).catch(() => order.push('rejected'));
    expect(order).toEqual(['report', 'resolved', 'report', 'rejected']);
  });

  test('an early unsubscribe (take() downstream too) is reported once, as unsubscribed; a completed stream is not reported again at teardown', () => {
    const reports: StreamMetrics[] = [];
    marbles(({ cold, expectObservable, expectSubscriptions }, options) => {
      const source = cold('-s-b-d-f-e-|', v2);
      expectObservable(source.pipe(tapMetrics((metrics) => reports.push(metrics), options)), '^----!').toBe('-s-b-', v2);
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    expect(reports).toEqual([
      expect.objectContaining({ outcome: 'unsubscribed', durationMs: 5, eventCount: 2, contentCharacters: 0, timeToFirstContentMs: undefined }),
    ]);
    const outcomes: string[] = [];
    from([v2.s, v2.e])
      .pipe(tapMetrics((metrics) => outcomes.push(metrics.outcome)))
      .subscribe()
      .unsubscribe();
    from([v2.s, v2.e])
      .pipe(
        tapMetrics((metrics) => outcomes.push(metrics.outcome)),
        take(2),
      )
      .subscribe();
    expect(outcomes).toEqual(['complete', 'unsubscribed']);
  });

  test('content: V2 text, thinking, tool plan, tool name and arguments; not citations or block markers', () => {
    const events: ChatV2Event[] = [
      chatV2Event.start(),
      chatV2Event.contentStart(0, 'thinking'),
      chatV2Event.thinking('Hmm.'),
      chatV2Event.contentEnd(0),
      chatV2Event.plan('I will look.'),
      chatV2Event.callStart(0, 'call_1', 'search'),
      chatV2Event.args(0, '{"q":1}'),
      chatV2Event.callEnd(0),
      chatV2Event.contentStart(1),
      chatV2Event.text('', 1),
      chatV2Event.text('Hi', 1),
      chatV2Event.citation(0, { start: 0, end: 2, text: 'Hi' }),
      chatV2Event.citationEnd(0),
      chatV2Event.end('COMPLETE', { usage: { billed_units: { output_tokens: 9 } } }),
    ];
    const reports: StreamMetrics[] = [];
    marbles(({ cold, expectObservable }, options) => {
      expectObservable(
        cold('-abcdefghijklmn|', Object.fromEntries(events.map((event, i) => [String.fromCharCode(97 + i), event]))).pipe(
          tapMetrics((m) => reports.push(m), options),
        ),
      );
    });
    expect(reports[0]).toMatchObject({
      timeToFirstContentMs: 3,
      contentCharacters: 'Hmm.'.length + 'I will look.'.length + 'search'.length + '{"q":1}'.length + 'Hi'.length,
      eventCount: 14,
      usage: { billed_units: { output_tokens: 9 } },
      outputTokens: 9,
      outputTokensPerSecond: 9 / (12 / 1000),
    });
  });

  test('V1 on Bedrock: text and tool-call chunks are content; meta is the usage; the invocation metrics come along', () => {
    const script = { toolPlan: ['I will', ' search.'], toolCalls: [{ name: 'search', arguments: '{"q":"penguins"}' }], text: ['Hello', ' there'] };
    const events = chatV1Events(script, { source: 'bedrock' });
    const reports: StreamMetrics[] = [];
    marbles(({ cold, expectObservable }, options) => {
      const frames = events.map((_, i) => String.fromCharCode(97 + i)).join('-');
      const values = Object.fromEntries(events.map((event, i) => [String.fromCharCode(97 + i), event]));
      expectObservable(cold(`-${frames}-|`, values).pipe(tapMetrics((m) => reports.push(m), options))).toBe(`-${frames}-|`, values);
    });
    const end = events.at(-1) as Extract<ChatV1Event, { event_type: 'stream-end' }>;
    expect(reports[0]).toMatchObject({
      outcome: 'complete',
      eventCount: events.length,
      contentCharacters: 'I will search.'.length + 'search'.length + '{"q":"penguins"}'.length + 'Hello there'.length,
      usage: end.response?.meta,
      invocationMetrics: { inputTokenCount: 50, outputTokenCount: 2, invocationLatency: 250, firstByteLatency: 50 },
      outputTokens: end.response?.meta?.tokens?.output_tokens,
    });
    expect(reports[0]?.timeToFirstContentMs).toBe(events.findIndex((event) => event.event_type === 'tool-calls-chunk') * 2 + 1);
  });

  test("V1 without meta: Bedrock's output token count gives the rate", () => {
    const reports: StreamMetrics[] = [];
    marbles(({ cold, expectObservable }, options) => {
      const source = cold('-a-b-c-|', {
        a: chatV1Event.text('Hi'),
        b: chatV1Event.text(' there'),
        c: chatV1Event.end(undefined, { 'amazon-bedrock-invocationMetrics': { outputTokenCount: 3, inputTokenCount: 4 } }),
      });
      expectObservable(source.pipe(tapMetrics((m) => reports.push(m), options)));
    });
    expect(reports[0]).toMatchObject({ usage: undefined, invocationMetrics: { outputTokenCount: 3 }, outputTokens: 3, outputTokensPerSecond: 3 / (6 / 1000) });
  });

  test("generate: text pieces of every generation, not Bedrock's <EOS_TOKEN>; stream-end's meta is the usage when it has that shape", () => {
    const reports: StreamMetrics[] = [];
    const odd: StreamMetrics[] = [];
    const meta = { billed_units: { input_tokens: 4, output_tokens: 6 } };
    marbles(({ cold, expectObservable }, options) => {
      const values: Record<string, GenerateEvent> = {
        a: generateEvent.text(0, ' Hi'),
        b: generateEvent.text(1, ' Yo'),
        c: generateEvent.text(0, '<EOS_TOKEN>'),
        d: generateEvent.error(1),
        e: generateEvent.end({ id: 'g', generations: [], meta }),
        f: generateEvent.end({ id: 'g', generations: [], meta: { billed_units: 'many' } }),
      };
      expectObservable(cold('-a-b-c-d-e-|', values).pipe(tapMetrics((m) => reports.push(m), options)));
      expectObservable(cold('-a-f-|', values).pipe(tapMetrics((m) => odd.push(m), options)));
    });
    expect(reports[0]).toMatchObject({ eventCount: 5, contentCharacters: 6, timeToFirstContentMs: 1, usage: meta, outputTokens: 6 });
    expect(odd[0]).toMatchObject({ eventCount: 2, usage: undefined, outputTokens: undefined });
    const bedrock = generateEvents({ generations: [['Hello', '!']] }, { source: 'bedrock' });
    const metrics: StreamMetrics[] = [];
    from(bedrock)
      .pipe(tapMetrics((m) => metrics.push(m)))
      .subscribe();
    expect(metrics[0]).toMatchObject({ contentCharacters: 6, invocationMetrics: { outputTokenCount: 2 } });
  });

  test('unknown events are counted, never content', () => {
    const metrics: StreamMetrics[] = [];
    from<MeteredEvent[]>([unknownEvent({ type: 'brand-new' }, 0), v2.e])
      .pipe(tapMetrics((m) => metrics.push(m)))
      .subscribe();
    expect(metrics[0]).toMatchObject({
      eventCount: 2,
      contentCharacters: 0,
      timeToFirstContentMs: undefined,
      outputTokens: 2,
      outputTokensPerSecond: undefined,
    });
  });

  test('a throwing callback leaves the stream alone; its error goes to config.onUnhandledError', async () => {
    const unhandled: unknown[] = [];
    const bug = new Error('metrics sink down');
    const saved = config.onUnhandledError;
    config.onUnhandledError = (error) => unhandled.push(error);
    try {
      const values = await lastValueFrom(
        from([v2.s, v2.d, v2.e]).pipe(
          tapMetrics(() => {
            throw bug;
          }),
          toArray(),
        ),
      );
      expect(values).toEqual([v2.s, v2.d, v2.e]);
      const failed = await lastValueFrom(
        concat(from([v2.s]), new Observable<ChatV2Event>((subscriber) => subscriber.error(new Error('the real error')))).pipe(
          tapMetrics(() => {
            throw bug;
          }),
        ),
      ).catch((error: unknown) => error);
      expect(failed).toEqual(new Error('the real error'));
      await lastValueFrom(timer(5));
      expect(unhandled).toEqual([bug, bug]);
    } finally {
      config.onUnhandledError = saved;
    }
  });

  test('each subscription is measured on its own', () => {
    const reports: StreamMetrics[] = [];
    const source = from([v2.s, v2.d, v2.e]).pipe(tapMetrics((m) => reports.push(m)));
    source.subscribe();
    source.pipe(take(1)).subscribe();
    expect(reports.map(({ outcome, eventCount }) => [outcome, eventCount])).toEqual([
      ['complete', 3],
      ['unsubscribed', 1],
    ]);
  });

  test('the default clock is performance.now(): real milliseconds from the subscription', async () => {
    const metrics: StreamMetrics[] = [];
    const events = new Subject<ChatV2Event>();
    const done = lastValueFrom(events.pipe(tapMetrics((m) => metrics.push(m))), { defaultValue: undefined });
    await lastValueFrom(timer(30));
    events.next(v2.s);
    events.next(v2.d);
    await lastValueFrom(timer(30));
    events.next(v2.e);
    events.complete();
    await done;
    const [report] = metrics;
    expect(report?.timeToFirstEventMs).toBeGreaterThanOrEqual(25);
    expect(report?.timeToFirstContentMs).toBeGreaterThanOrEqual(report?.timeToFirstEventMs ?? Infinity);
    expect(report?.durationMs).toBeGreaterThanOrEqual((report?.timeToFirstContentMs ?? Infinity) + 25);
    expect(report?.outputTokensPerSecond).toBeGreaterThan(0);
  });

  test('a callback that is not a function, or a scheduler without now(), is an InvalidOptionError at the call', () => {
    expect(() => tapMetrics(undefined as unknown as () => void)).toThrow(
      new InvalidOptionError({ option: 'callback', expected: 'a function', received: 'undefined' }),
    );
    expect(() => tapMetrics(() => undefined, { scheduler: {} as TestScheduler })).toThrow(
      new InvalidOptionError({ option: 'scheduler', expected: 'a scheduler (an object with now())', received: 'object' }),
    );
    expect(() => tapMetrics(() => undefined, { scheduler: null as unknown as TestScheduler })).toThrow(InvalidOptionError);
  });

  marbleChecklist({
    operator: () => tapMetrics<ChatV2Event>(() => undefined),
    values: v2,
    out: v2,
    error: { source: '-s-d-#', expected: '-s-d-#' },
    empty: { is: 'completes, as the source does', cases: [{ source: '|', expected: '|' }] },
    never: [{ source: '-s-d-', expected: '-s-d-' }],
    unsubscribe: { source: '-s-d-f-e-|', at: '^--!', expected: '-s-' },
  });

  operatorChecklist(
    () => tapMetrics<ChatV2Event>(() => undefined),
    () => v2.d,
    v2.e,
  );

  test('NEVER: no report while nothing ends', () => {
    const reports: StreamMetrics[] = [];
    const subscription = NEVER.pipe(tapMetrics((m) => reports.push(m))).subscribe();
    expect(reports).toEqual([]);
    subscription.unsubscribe();
    expect(reports.map((m) => m.outcome)).toEqual(['unsubscribed']);
  });
});
