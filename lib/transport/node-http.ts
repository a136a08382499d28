/**
 * The `POST` of `fromCohere` on Node's own `node:http` / `node:https`, where they exist: a body
 * read from `data` events costs a fraction of a `fetch` body's web stream, whose promise per
 * read is a large share of a stream of small events.
 *
 * The modules are taken from `process.getBuiltinModule` when a request is sent, never imported:
 * a browser bundle of the package reaches no Node module.
 *
 * @module
 * @internal
 */
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Transform } from 'node:stream';
import type { Answer, ByteSink, Send } from './answer';

/** What the transport uses of `node:http` and `node:https`. */
interface HttpModule {
  request(url: string, options: RequestOptions, callback?: (response: IncomingMessage) => void): ClientRequest;
}

/** What the transport uses of `node:zlib`: a decompressing stream per coding. */
interface ZlibModule {
  createGunzip(): Transform;
  createInflate(): Transform;
  createBrotliDecompress(): Transform;
}

/** The Node process, where there is one with `getBuiltinModule` (Node 20.16 and later). */
interface NodeProcess {
  readonly release?: { readonly name?: string };
  getBuiltinModule(id: string): unknown;
}

/** The key under which undici (Node's `fetch`) keeps its global dispatcher. */
const UNDICI_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** Node's process, when this is Node itself (not a runtime that imitates parts of it). */
function nodeProcess(): NodeProcess | undefined {
  const candidate = (globalThis as { process?: Partial<NodeProcess> }).process;
  if (candidate === undefined || typeof candidate.getBuiltinModule !== 'function' || candidate.release?.name !== 'node') return undefined;
  if ('Bun' in globalThis || 'Deno' in globalThis) return undefined;
  return candidate as NodeProcess;
}

/**
 * Whether the global dispatcher of `fetch` was set by someone (a `ProxyAgent`, an `Agent` with
 * TLS options, interceptors): then requests go through `fetch`, so that it applies. The plain
 * `Agent` `fetch` makes for itself on first use does not count.
 */
function hasCustomDispatcher(): boolean {
  const dispatcher: unknown = (globalThis as Record<symbol, unknown>)[UNDICI_DISPATCHER];
  if (dispatcher === undefined || dispatcher === null) return false;
  if (typeof dispatcher !== 'object' || dispatcher.constructor?.name !== 'Agent') return true;
  const optionsKey = Object.getOwnPropertySymbols(dispatcher).find((key) => key.description === 'options');
  const options = (optionsKey === undefined ? undefined : (dispatcher as Record<symbol, unknown>)[optionsKey]) as Record<string, unknown> | undefined;
  return options === undefined || Object.values(options).some((value) => value !== undefined);
}

/**
 * Node's `http`/`https` as a {@link Send}, when the transport should use them: in Node (with
 * `process.getBuiltinModule`), with no custom global dispatcher for `fetch`. `undefined`
 * elsewhere (browsers, edge runtimes, Bun, Deno), where `fetch` is used.
 */
export function nodeSend(): Send | undefined {
  const node = nodeProcess();
  if (node === undefined || hasCustomDispatcher()) return undefined;
  return (url, request) => post(node, url, request);
}

/** The decompressing stream for a `Content-Encoding`, as `fetch` would apply it; `undefined` for identity. */
function decoderFor(node: NodeProcess, coding: string | undefined): Transform | undefined {
  const name = coding?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return undefined;
  const zlib = node.getBuiltinModule('node:zlib') as ZlibModule;
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
  if (name === 'deflate') return zlib.createInflate();
  if (name === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

function post(node: NodeProcess, url: string, { headers, body, signal }: Parameters<Send>[1]): Promise<Answer> {
  const module = node.getBuiltinModule(/^https:/i.test(url) ? 'node:https' : 'node:http') as HttpModule;
  const outgoing: Record<string, string> = {};
  headers.forEach((value, name) => (outgoing[name] = value));
  return new Promise<Answer>((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const request = module.request(url, { method: 'POST', headers: outgoing }, (answer) => {
      response = answer;
      answer.once('close', () => signal.removeEventListener('abort', abort));
      resolve(answerOf(node, request, answer));
    });
    // The signal closes the connection only while the answer is unfinished: a response read to
    // its end gave its socket back to the pool, which an abort must not destroy.
    const abort = () => {
      if (response === undefined || !response.complete) request.destroy(abortError(signal));
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
    // Errors after the answer (a reset while the body is read) are the body's to report; the
    // listener stays, so that none of them is an uncaught exception.
    request.on('error', (error) => {
      signal.removeEventListener('abort', abort);
      reject(error);
    });
    request.end(body);
  });
}

/** The error of a request the signal aborted, as `fetch` gives it. */
function abortError(signal: AbortSignal): Error {
  return new DOMException(signal.reason instanceof Error ? signal.reason.message : 'This operation was aborted', 'AbortError');
}

/** The answer of a request: its status, its headers and its body, read from `data` events. */
function answerOf(node: NodeProcess, request: ClientRequest, response: IncomingMessage): Answer {
  // An error before the body is read (an abort, a reset) is kept for the reader: an 'error'
  // event without a listener would be an uncaught exception.
  let early: { readonly error: unknown } | undefined;
  response.on('error', (error) => (early ??= { error }));
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    opaqueRedirect: false,
    headers,
    body: (sink) => {
      if (early === undefined) return readResponse(node, request, response, sink);
      sink.failed(early.error);
      return () => undefined;
    },
  };
}

/** Reads a response into a sink; returns the function that stops reading and closes the connection. */
function readResponse(node: NodeProcess, request: ClientRequest, response: IncomingMessage, sink: ByteSink): () => void {
  let settled = false;
  const settle = (report: () => void) => {
    if (settled) return;
    settled = true;
    report();
  };
  const fail = (error: unknown) => settle(() => sink.failed(error));
  // A response that closes before its end (a dropped connection) fails: no clean end.
  const closed = () => fail(new Error('The connection closed before the end of the response body.'));
  response.on('error', fail);
  response.once('close', () => {
    if (!response.complete) closed();
  });
  const decoder = decoderFor(node, response.headers['content-encoding']);
  const source: NodeJS.ReadableStream = decoder === undefined ? response : response.pipe(decoder);
  if (decoder !== undefined) decoder.on('error', fail);
  source.on('data', (bytes: Uint8Array) => {
    if (!settled && !sink.chunk(bytes)) stop();
  });
  source.once('end', () => settle(() => sink.end()));
  const stop = () => {
    settled = true;
    // A body that arrived whole may still be inflating: what nobody reads is not decompressed.
    if (decoder !== undefined) {
      response.unpipe(decoder);
      decoder.destroy();
    }
    if (!response.complete) request.destroy();
  };
  return stop;
}
