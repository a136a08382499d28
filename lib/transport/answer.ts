/**
 * An HTTP answer as `fromCohere` reads it, whichever client fetched it: the status, the headers
 * and a body that pushes its bytes to one reader.
 *
 * @module
 * @internal
 */

/** Where a body's bytes go, in order: each chunk, then the end or the failure. */
export interface ByteSink {
  /** Takes a chunk; returns whether to read on. */
  chunk(bytes: Uint8Array): boolean;
  /** The body ended. */
  end(): void;
  /** A read failed (a dropped connection): the body gives nothing more. */
  failed(error: unknown): void;
}

/**
 * A body: reading starts when a sink is given, and the function returned stops it and releases
 * the connection (harmless once the body ended). A body is read once.
 */
export type ByteSource = (sink: ByteSink) => () => void;

/** The status, the headers and the body of an answer. */
export interface Answer {
  readonly status: number;
  readonly statusText: string;
  /** `true` for a browser's `opaqueredirect` answer, whose status is 0 and whose headers are hidden. */
  readonly opaqueRedirect: boolean;
  readonly headers: Headers;
  /** The body; `null` when the answer has none. */
  readonly body: ByteSource | null;
}

/** How an answer is fetched: the `POST` of a body with headers, cancelled by a signal. */
export type Send = (url: string, request: { readonly headers: Headers; readonly body: string; readonly signal: AbortSignal }) => Promise<Answer>;

/** Whether the status is a success (200 to 299). */
export function isOk(answer: Answer): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/** A `fetch` response as an {@link Answer}. */
export function answerOfResponse(response: Response): Answer {
  const { body } = response;
  return {
    status: response.status,
    statusText: response.statusText,
    opaqueRedirect: response.type === 'opaqueredirect',
    headers: response.headers,
    body: body === null ? null : (sink) => readWebStream(body, sink),
  };
}

/** Reads a web stream into a sink; returns the function that cancels the reader. */
function readWebStream(body: ReadableStream<Uint8Array>, sink: ByteSink): () => void {
  const reader = body.getReader();
  let stopped = false;
  const pump = (): void => {
    reader.read().then(
      (result) => {
        if (stopped) return;
        if (result.done) sink.end();
        else if (sink.chunk(result.value)) pump();
      },
      (error: unknown) => {
        if (!stopped) sink.failed(error);
      },
    );
  };
  pump();
  return () => {
    stopped = true;
    // Cancelling a body that already ended or failed is harmless; its rejection is not news.
    void reader.cancel().catch(() => undefined);
  };
}

/** `fetch` (the global one or the `fetch` option) as a {@link Send}. */
export function sendWithFetch(fetchFunction: (input: string, init: RequestInit) => Promise<Response>): Send {
  return async (url, { headers, body, signal }) => answerOfResponse(await fetchFunction(url, { method: 'POST', headers, body, signal, redirect: 'manual' }));
}
