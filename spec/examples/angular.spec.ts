import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EnvironmentInjector } from '@angular/core';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { IncompleteStreamError, StreamInterruptedError, type ChatSnapshot } from '../../lib/index';
import { fails, streams, toSseText, chatV2Event, type MockHandler, type RecordedRequest } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { outcome } from '../helpers/http-stream';
import { EXAMPLE_DIR, loadAngularExample, ROOT, type AngularExample, type ExampleChatComponent } from './angular-example';

const server = useMockServer();

let example: AngularExample;
let dispose = (): void => undefined;
let injector: EnvironmentInjector;

beforeAll(async () => {
  ({ example, dispose } = await loadAngularExample());
}, 60_000);

afterAll(() => dispose());

/**
 * The example's application injector, as `bootstrapApplication(ChatComponent, appConfig)` builds
 * it, without a DOM: the app's providers (HttpClient on fetch, zoneless), the browser module's
 * (which make it the `root` injector), and the chat URL.
 */
function appInjector(chatUrl: string): EnvironmentInjector {
  const { appConfig, BrowserModule, COHERE_CHAT_URL, createEnvironmentInjector, EnvironmentInjector, importProvidersFrom, platformBrowser } = example;
  const platform = platformBrowser().injector;
  if (!(platform instanceof EnvironmentInjector)) throw new Error("the platform's injector is not an EnvironmentInjector");
  return createEnvironmentInjector([importProvidersFrom(BrowserModule), ...appConfig.providers, { provide: COHERE_CHAT_URL, useValue: chatUrl }], platform);
}

beforeEach(() => {
  injector = appInjector(`${server.baseUrl}/api/chat`);
});

afterEach(() => injector.destroy());

const request = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** The text blocks of a snapshot, joined. */
const textOf = (snapshot: ChatSnapshot): string => snapshot.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join('');

/** One V2 chat event as Cohere frames it, without the closing `[DONE]`. */
const frame = (event: object): string => toSseText([event], { done: false });

/** Waits until `condition` holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * A 200 whose body is written piece by piece; after each piece the server waits until the
 * client shows `shows`, so every piece reaches the client in its own progress event; then it
 * ends the body (`end`) or drops the connection (`drop`).
 */
function inSteps(pieces: readonly { readonly bytes: string | Buffer; readonly shows: string }[], shown: () => string, finish: 'end' | 'drop'): MockHandler {
  return async (reply) => {
    reply.head(200, { 'content-type': 'text/event-stream' });
    for (const piece of pieces) {
      await reply.write(piece.bytes);
      await until(() => shown() === piece.shows || reply.isClosed());
    }
    if (finish === 'end') reply.end();
    else reply.drop();
  };
}

/** The SSE text of a whole answer: `Hello, wörld 👋` in three deltas. */
const ANSWER = ['Hel', 'lo, ', 'wörld 👋'];
const WHOLE = toSseText([
  chatV2Event.start(),
  chatV2Event.contentStart(),
  ...ANSWER.map((text) => chatV2Event.text(text)),
  chatV2Event.contentEnd(),
  chatV2Event.end(),
]);

describe('CohereChatService (HttpClient on fetch, against a local server)', () => {
  it('streams snapshots that grow with each progress event, the last one the whole answer', async () => {
    let shown = '';
    // The last delta's frame is cut inside the emoji's UTF-8 bytes.
    const last = Buffer.from(frame(chatV2Event.text('wörld 👋')), 'utf8');
    const cut = last.indexOf(Buffer.from('👋', 'utf8')) + 2;
    server.reply(
      inSteps(
        [
          { bytes: frame(chatV2Event.start()) + frame(chatV2Event.contentStart()), shows: '' },
          { bytes: frame(chatV2Event.text('Hel')), shows: 'Hel' },
          { bytes: frame(chatV2Event.text('lo, ')), shows: 'Hello, ' },
          { bytes: last.subarray(0, cut), shows: 'Hello, ' },
          { bytes: last.subarray(cut), shows: 'Hello, wörld 👋' },
          { bytes: frame(chatV2Event.contentEnd()) + frame(chatV2Event.end()) + 'data: [DONE]\n\n', shows: 'Hello, wörld 👋' },
        ],
        () => shown,
        'end',
      ),
    );

    const service = injector.get(example.CohereChatService);
    const snapshots = await lastValueFrom(
      service.chat(request).pipe(
        tap((snapshot) => (shown = textOf(snapshot))),
        toArray(),
      ),
    );

    const texts = snapshots.map(textOf).filter((text, i, all) => i === 0 || text !== all[i - 1]);
    expect(texts).toEqual(['', 'Hel', 'Hello, ', 'Hello, wörld 👋']);
    const final = snapshots.at(-1);
    expect(final).toMatchObject({ complete: true, finish_reason: 'COMPLETE' });
    expect(snapshots.filter((snapshot) => snapshot.complete)).toHaveLength(1);

    const [seen] = server.requests as [RecordedRequest];
    expect(seen).toMatchObject({ method: 'POST', path: '/api/chat' });
    expect(seen.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(seen.body)).toEqual({ ...request, stream: true });
  });

  it('reports a stream cut in the middle as IncompleteStreamError carrying the partial answer', async () => {
    let shown = '';
    server.reply(
      inSteps(
        [{ bytes: frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('Partial')), shows: 'Partial' }],
        () => shown,
        'drop',
      ),
    );

    const service = injector.get(example.CohereChatService);
    const { values, error } = await outcome(service.chat(request).pipe(tap((snapshot) => (shown = textOf(snapshot)))));

    expect(values.map(textOf)).toContain('Partial');
    expect(error).toBeInstanceOf(IncompleteStreamError);
    const incomplete = error as IncompleteStreamError<ChatSnapshot>;
    expect(textOf(incomplete.partial)).toBe('Partial');
    expect(incomplete).toMatchObject({ protocol: 'chatV2', expected: 'message-end', eventCount: 3 });
    expect(incomplete.cause).toBeInstanceOf(StreamInterruptedError);
  });

  it('reports a body that ends cleanly but without message-end as IncompleteStreamError', async () => {
    server.reply(streams(frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('Half')), { then: 'cut' }));

    const { error } = await outcome(injector.get(example.CohereChatService).chat(request));

    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(textOf((error as IncompleteStreamError<ChatSnapshot>).partial)).toBe('Half');
  });

  it("leaves an error status to HttpClient's HttpErrorResponse and never decodes its body", async () => {
    server.reply(fails(401, '{"message":"invalid api token"}\n'));

    const { values, error } = await outcome(injector.get(example.CohereChatService).chat(request));

    expect(values).toEqual([]);
    expect(error).toMatchObject({ name: 'HttpErrorResponse', status: 401, error: '{"message":"invalid api token"}\n' });
  });

  it('reports a refused connection as StreamInterruptedError', async () => {
    const refused = appInjector('http://127.0.0.1:9/api/chat');
    try {
      const { error } = await outcome(refused.get(example.CohereChatService).chat(request));
      expect(error).toBeInstanceOf(StreamInterruptedError);
    } finally {
      refused.destroy();
    }
  });

  it('aborts the request when the subscriber unsubscribes mid-stream', async () => {
    server.reply(streams(frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('Hel')), { then: 'stall' }));
    let shown = '';
    const subscription = injector
      .get(example.CohereChatService)
      .chat(request)
      .subscribe((snapshot) => (shown = textOf(snapshot)));

    await until(() => shown === 'Hel');
    subscription.unsubscribe();

    const [seen] = server.requests as [RecordedRequest];
    await seen.closed;
    expect(seen.closedEarly()).toBe(true);
  });
});

describe('ChatComponent (its toSignal view, without rendering)', () => {
  /** The component in a child injector of the app's, as Angular creates it for a view. */
  function createComponent(): { component: ExampleChatComponent; destroy: () => void } {
    const own = example.createEnvironmentInjector([], injector);
    const component = example.runInInjectionContext(own, () => new example.ChatComponent());
    return { component, destroy: () => own.destroy() };
  }

  it('compiles its template just in time', () => {
    expect(example.reflectComponentType(example.ChatComponent)?.selector).toBe('app-chat');
  });

  it('shows the answer as it streams, then the finish reason', async () => {
    server.reply(streams(WHOLE));
    const { component, destroy } = createComponent();
    expect(component.view()).toMatchObject({ status: 'idle', text: '' });

    component.send('Hi');
    await until(() => component.view().status === 'done');

    expect(component.view()).toEqual({ status: 'done', text: 'Hello, wörld 👋', finishReason: 'COMPLETE', error: undefined });
    expect(JSON.parse((server.requests[0] as RecordedRequest).body)).toMatchObject({ messages: [{ role: 'user', content: 'Hi' }], stream: true });
    destroy();
  });

  it('shows what arrived and an error when the stream is cut', async () => {
    const { component, destroy } = createComponent();
    server.reply(
      inSteps(
        [{ bytes: frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('Partial')), shows: 'Partial' }],
        () => component.view().text,
        'drop',
      ),
    );

    component.send('Hi');
    await until(() => component.view().status === 'failed');

    expect(component.view()).toMatchObject({ status: 'failed', text: 'Partial', finishReason: undefined });
    expect(component.view().error).toMatch(/cut off/);
    destroy();
  });

  it('aborts the answer still streaming when a new prompt is sent', async () => {
    server.reply(streams(frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('First')), { then: 'stall' }), streams(WHOLE));
    const { component, destroy } = createComponent();

    component.send('first');
    await until(() => component.view().text === 'First');
    component.send('second');
    await until(() => component.view().status === 'done');

    const [first] = server.requests as [RecordedRequest];
    await first.closed;
    expect(first.closedEarly()).toBe(true);
    expect(component.view().text).toBe('Hello, wörld 👋');
    destroy();
  });

  it('aborts the request when the component is destroyed (toSignal cleanup)', async () => {
    server.reply(streams(frame(chatV2Event.start()) + frame(chatV2Event.contentStart()) + frame(chatV2Event.text('Hel')), { then: 'stall' }));
    const { component, destroy } = createComponent();

    component.send('Hi');
    await until(() => component.view().text === 'Hel');
    destroy();

    const [seen] = server.requests as [RecordedRequest];
    await seen.closed;
    expect(seen.closedEarly()).toBe(true);
  });
});

describe('the example', () => {
  it('type-checks under its tsconfig (cohere-rx mapped to lib/, standard decorators)', async () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const diagnostics = await promisify(execFile)(process.execPath, [tsc, '-p', EXAMPLE_DIR], { cwd: ROOT }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(diagnostics).toBe('');
  }, 120_000);
});
