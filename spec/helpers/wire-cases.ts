import { from, map, type OperatorFunction } from 'rxjs';
import { chatV1, chatV2, decodeEvents, generate, jsonFrames, sseFrames, type Protocol } from '../../lib/index';
import { toSseText } from '../../lib/testing/index';
import { fixtureBytes, fixtureFiles, fixtureText, jsonLines } from './fixtures';
import { settle } from './settle';

/** How a fixture's bytes are framed on the wire. */
export type Framing = 'sse' | 'json' | 'bedrock-payload';

/** One recorded stream as a client receives it, with the event types an independent reading finds in it. */
export interface WireCase {
  readonly name: string;
  readonly protocol: Protocol<object>;
  readonly framing: Framing;
  readonly bytes: Uint8Array;
  /** Event types read without our framing code: split on lines / blank lines, then JSON.parse. */
  readonly expectedTypes: readonly string[];
}

/** Fixtures that are not a Cohere event stream, and where they are covered instead. */
export const NOT_EVENT_STREAMS: Readonly<Record<string, string>> = {
  'bedrock-command-r-chunks-decoded.jsonl': 'the decoded form of bedrock-command-r-chunk-payloads.jsonl: compared with it',
  'bedrock-eventstream-modelStreamErrorException.base64.txt':
    'a binary AWS event-stream exception frame: decoded by the real AWS SDK client in the Bedrock transport tests',
};

const encoder = new TextEncoder();

function protocolOf(name: string): Protocol<object> {
  if (name.startsWith('v2-')) return chatV2;
  if (name.startsWith('generate-')) return generate;
  return chatV1;
}

function typeOf(protocol: Protocol<object>, value: Record<string, unknown>): string {
  return String(protocol.eventType(value));
}

/** Every recorded event stream, in each wire form a client can meet it in. */
export function wireCases(): WireCase[] {
  const cases: WireCase[] = [];
  for (const name of fixtureFiles()) {
    if (name in NOT_EVENT_STREAMS) continue;
    const protocol = protocolOf(name);
    const bytes = fixtureBytes(name);
    const text = new TextDecoder().decode(bytes);
    if (name.endsWith('.sse')) {
      const lines = text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
      cases.push({ name, protocol, framing: 'sse', bytes, expectedTypes: lines.map((l) => typeOf(protocol, l)) });
    } else if (name.startsWith('bedrock-command-r-chunk-payloads')) {
      const decoded = jsonLines(fixtureText('bedrock-command-r-chunks-decoded.jsonl'));
      cases.push({ name, protocol, framing: 'bedrock-payload', bytes, expectedTypes: decoded.map((l) => typeOf(protocol, l)) });
    } else {
      const lines = jsonLines(text);
      const expectedTypes = lines.map((l) => typeOf(protocol, l));
      cases.push({ name, protocol, framing: 'json', bytes, expectedTypes });
      if (protocol === chatV2) {
        cases.push({ name: `${name} as SSE`, protocol, framing: 'sse', bytes: encoder.encode(toSseText(lines)), expectedTypes });
      }
    }
  }
  return cases;
}

/** Unwraps Bedrock's `{"bytes":"<base64>"}` chunk payload into the model's JSON text. */
function unwrapBedrockPayload(): OperatorFunction<string, string> {
  return map((frame) => {
    const binary = atob((JSON.parse(frame) as { bytes: string }).bytes);
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  });
}

/** The frames of a case's chunks, with the framing its wire uses. */
export function framing(kind: Framing): OperatorFunction<string | Uint8Array, string> {
  if (kind === 'sse') return sseFrames();
  if (kind === 'json') return jsonFrames();
  return (source) => source.pipe(jsonFrames(), unwrapBedrockPayload());
}

/**
 * Frames and decodes chunks synchronously; returns the events, or throws what the pipeline
 * reported. onUnknownEvent sees every unknown event.
 */
export function decodeChunks(
  wireCase: WireCase,
  chunks: readonly Uint8Array[],
  onUnknownEvent: (type: string | undefined) => void = () => undefined,
): object[] {
  const { values, error } = settle(
    from(chunks).pipe(framing(wireCase.framing), decodeEvents(wireCase.protocol, { onUnknownEvent: (event) => onUnknownEvent(event.eventType) })),
  );
  if (error !== undefined) throw error;
  return values;
}
