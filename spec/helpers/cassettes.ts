/** Cassette texts written line by line, for the specs that read and replay them. */

/** A header line's members, each of which a spec may change. */
export const HEADER = {
  cassette: 1,
  take: 1,
  source: 'cohere',
  endpoint: 'v2/chat',
  protocol: 'chatV2',
  framing: 'sse',
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  recordedAt: '2025-06-14T09:30:00.000Z',
};

const encoder = new TextEncoder();

/** A chunk line: `text` (as UTF-8) or bytes, at `t`. */
export function chunkLine(t: number, body: string | Uint8Array, take = 1): object {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return { take, t, b64: btoa(String.fromCharCode(...bytes)) };
}

/** The cassette text of these lines (objects written as JSON, strings as they are), each ending in a newline. */
export function cassetteText(...lines: readonly (object | string)[]): string {
  return lines.map((line) => `${typeof line === 'string' ? line : JSON.stringify(line)}\n`).join('');
}

/** The text of a sink's lines. */
export const joined = (lines: readonly string[]) => lines.join('');

/** The lines of a cassette text, parsed (blank lines left out). */
export function parsedLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The bytes of every chunk line of `take`, in order. */
export function chunkBytes(text: string, take = 1): Uint8Array[] {
  return parsedLines(text)
    .filter((line) => line['take'] === take && typeof line['b64'] === 'string')
    .map((line) => Uint8Array.from(atob(line['b64'] as string), (char) => char.charCodeAt(0)));
}
