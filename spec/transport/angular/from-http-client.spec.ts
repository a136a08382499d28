import { lastValueFrom, tap, toArray } from 'rxjs';
import { CohereHttpError, ConnectionError, ServiceUnavailableError, UnauthorizedError } from '../../../lib/index';
import { fromHttpClient } from '../../../lib/transport/angular/index';
import { fails, streams, type MockHandler, type RecordedRequest } from '../../../lib/testing/index';
import { outcome } from '../../helpers/http-stream';
import { closedWithin, useMockServer } from '../../helpers/mock-server';
import { useAngularHttp } from './angular-http';

const server = useMockServer();

const angular = useAngularHttp();

const url = () => `${server.baseUrl}/api/chat`;

/** Waits until `condition` holds, checking every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * A 200 whose body is written piece by piece; after each piece the server waits until the
 * client shows the text `shows` (what `shown()` returns), so that each piece is a chunk of its
 * own; then it ends the body or drops the connection.
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

describe('fromHttpClient (Angular HttpClient on FetchBackend, against a local server)', () => {
  it('emits the new text of each chunk, a character split across chunks whole, and completes', async () => {
    const wave = Buffer.from('wörld 👋', 'utf8');
    const cut = wave.indexOf(Buffer.from('👋', 'utf8')) + 2;
    let shown = '';
    server.reply(
      inSteps(
        [
          { bytes: 'Hel', shows: 'Hel' },
          { bytes: 'lo, ', shows: 'Hello, ' },
          { bytes: wave.subarray(0, cut), shows: 'Hello, wörld ' },
          { bytes: wave.subarray(cut), shows: 'Hello, wörld 👋' },
        ],
        () => shown,
        'end',
      ),
    );

    const chunks = await lastValueFrom(
      fromHttpClient(angular.http, url(), { question: 'Hi' }, { headers: { 'x-app': 'chat' } }).pipe(
        tap((text) => (shown += text)),
        toArray(),
      ),
    );

    expect(chunks.join('')).toBe('Hello, wörld 👋');
    expect(chunks).toEqual(['Hel', 'lo, ', 'wörld ', '👋']);
    const [seen] = server.requests as [RecordedRequest];
    expect(seen).toMatchObject({ method: 'POST', path: '/api/chat', json: { question: 'Hi' } });
    expect(seen.headers).toMatchObject({ accept: 'text/event-stream', 'x-app': 'chat', 'content-type': 'application/json' });
  });

  it('lets a header of the options replace Accept', async () => {
    server.reply(streams('{"a":1}\n', { contentType: 'application/stream+json' }));
    await lastValueFrom(fromHttpClient(angular.http, url(), {}, { headers: { Accept: 'application/json' } }));
    expect(server.requests[0]?.headers.accept).toBe('application/json');
  });

  it('sends one request per subscription, each passing on its own text', async () => {
    server.reply(streams('first'), streams('second'));
    const source = fromHttpClient(angular.http, url(), {});
    expect((await lastValueFrom(source.pipe(toArray()))).join('')).toBe('first');
    expect((await lastValueFrom(source.pipe(toArray()))).join('')).toBe('second');
    expect(server.requests).toHaveLength(2);
  });

  it('types an error status as the package does, and never emits its body as text', async () => {
    server.reply(fails(401, { message: 'invalid api token' }, { 'x-request-id': 'req-7' }));

    const { values, error } = await outcome(fromHttpClient(angular.http, `${url()}?v=2`, {}));

    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ status: 401, endpoint: 'api/chat', cohereMessage: 'invalid api token', requestId: 'req-7', bodyIsJson: true });
    expect((error as Error).message).toContain('POST /api/chat was answered with 401');
  });

  it('gives each status its class, and any other CohereHttpError itself, with the body cut to 4096 characters', async () => {
    server.reply(
      fails(503, 'x'.repeat(5000), { 'content-type': 'text/plain', 'retry-after': '3' }),
      fails(502, '<html>bad gateway</html>', { 'content-type': 'text/html' }),
    );

    const unavailable = (await outcome(fromHttpClient(angular.http, url(), {}))).error;
    const gateway = (await outcome(fromHttpClient(angular.http, url(), {}))).error;

    expect(unavailable).toBeInstanceOf(ServiceUnavailableError);
    expect(unavailable).toMatchObject({ retryAfter: '3', bodyTruncated: true, contentType: 'text/plain' });
    expect((unavailable as CohereHttpError).body).toHaveLength(4096);
    expect(gateway).toMatchObject({ name: 'CohereHttpError', status: 502, body: '<html>bad gateway</html>', bodyIsJson: false });
    expect(gateway).toBeInstanceOf(CohereHttpError);
  });

  it('reports a refused connection as a ConnectionError carrying Angular’s error', async () => {
    const { values, error } = await outcome(fromHttpClient(angular.http, 'http://127.0.0.1:9/api/chat', {}));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ endpoint: 'api/chat', framesReceived: 0, cause: { name: 'HttpErrorResponse', status: 0 } });
  });

  it('reports a connection dropped mid-stream as a ConnectionError after the text that arrived', async () => {
    let shown = '';
    server.reply(
      inSteps(
        [
          { bytes: 'part one, ', shows: 'part one, ' },
          { bytes: 'part two', shows: 'part one, part two' },
        ],
        () => shown,
        'drop',
      ),
    );

    const { values, error } = await outcome(fromHttpClient(angular.http, url(), {}).pipe(tap((text) => (shown += text))));

    expect(values.join('')).toBe('part one, part two');
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ framesReceived: 2 });
  });

  it('aborts the request when the subscriber unsubscribes: the server sees the connection close', async () => {
    server.reply(streams('first words', { then: 'stall' }));
    let text = '';
    const subscription = fromHttpClient(angular.http, url(), {}).subscribe((chunk) => (text += chunk));
    await until(() => text === 'first words');
    subscription.unsubscribe();

    await closedWithin(server.requests[0]);
    expect(server.requests[0]?.closedEarly()).toBe(true);
  });

  it('goes through the app’s interceptors', async () => {
    const intercepted = angular.withInterceptors([(request, next) => next(request.clone({ setHeaders: { 'x-user': 'ada' } }))]);
    server.reply(streams('ok'));
    expect(await lastValueFrom(fromHttpClient(intercepted, url(), {}))).toBe('ok');
    expect(server.requests[0]?.headers['x-user']).toBe('ada');
  });
});
