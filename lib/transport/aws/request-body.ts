/**
 * The request bodies of Cohere models on AWS (Bedrock and SageMaker): the V1 chat and generate
 * bodies without `model`, checked before they are sent.
 *
 * @module
 */
import type { z } from 'zod';
import { describeValue, schemaIssues } from '../../decoding/issues';
import { GenerateRequest } from '../../requests/generate-request';
import { V1ChatRequest } from '../../requests/v1-chat-request';
import { RequestValidationError } from '../../errors/index';

/**
 * The body of a chat with Command R / R+ on AWS: the V1 chat body (`message`, `chat_history`,
 * `documents`, `tools`, …) without `model`, since the Bedrock model id or the SageMaker endpoint
 * names the model. `stream` may be left out (the transports set it as each service wants).
 */
export type AwsChatBody = z.input<typeof V1ChatRequest> & { readonly model?: never };

/**
 * The body of a generation with Command on AWS: the generate body (`prompt`, `max_tokens`,
 * `num_generations`, …) without `model`. `stream` may be left out (the transports set it).
 */
export type AwsGenerateBody = z.input<typeof GenerateRequest> & { readonly model?: never };

/** Which body a request carries. @internal */
export type AwsBodyKind = 'chat' | 'generate';

/**
 * The kind of a body given to a transport that serves both: a body with `prompt` and no
 * `message` is a generate body, anything else a chat body.
 *
 * @internal
 */
export function kindOf(body: AwsChatBody | AwsGenerateBody): AwsBodyKind {
  return 'prompt' in body && !('message' in body) ? 'generate' : 'chat';
}

const SCHEMAS: Readonly<Record<AwsBodyKind, z.ZodType>> = { chat: V1ChatRequest, generate: GenerateRequest };

/**
 * Checks a body against the V1 chat or generate request schema, and that it has no `model`;
 * returns the JSON text to send, with `stream: true` added or `stream` removed.
 *
 * @throws {@link RequestValidationError} naming every bad field.
 * @internal
 */
export function requestPayload(kind: AwsBodyKind, body: AwsChatBody | AwsGenerateBody, endpoint: string, stream: boolean): Uint8Array {
  const issues = schemaIssues(SCHEMAS[kind], body);
  const model: unknown = (body as Readonly<Record<string, unknown>>)['model'];
  if (model !== undefined) {
    issues.push({
      path: 'model',
      expected: 'no member (on AWS the model id or endpoint names the model)',
      received: describeValue(model),
      message: 'AWS bodies do not take `model`',
    });
  }
  if (issues.length > 0) throw new RequestValidationError({ endpoint, issues });
  const { stream: _stream, ...rest } = body as Readonly<Record<string, unknown>>;
  return new TextEncoder().encode(JSON.stringify(stream ? { ...rest, stream: true } : rest));
}
