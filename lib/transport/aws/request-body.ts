/**
 * The request bodies of Cohere models on AWS (Bedrock and SageMaker): the V1 chat and generate
 * bodies without `model`, checked before they are sent.
 *
 * @module
 */
import * as z from 'zod';
import { describeValue } from '../../decoding/issues';
import { lazySchema } from '../../decoding/schemas/lazy-schema';
import { opt } from '../../decoding/schemas/shared';
import { GenerateRequest } from '../../requests/generate-request';
import { schemaOf } from '../../requests/request-schema';
import { requestIssues, type UnknownFields } from '../../requests/unknown-fields';
import { V1ChatRequest } from '../../requests/v1-chat-request';
import { RequestValidationError, type SchemaIssue } from '../../errors/index';

/** What AWS documents for Command R / R+ beyond the V1 chat body. */
interface AwsChatMembers {
  /** Whether the answer carries the full prompt sent to the model (AWS: "The default value is `false`"). */
  return_prompt?: boolean | null | undefined;
}

/**
 * The body of a chat with Command R / R+ on AWS: the V1 chat body (`message`, `chat_history`,
 * `documents`, `tools`, …) and `return_prompt`, without `model`, since the Bedrock model id or
 * the SageMaker endpoint names the model. `stream` may be left out (the transports set it as each
 * service wants). See https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command-r-plus.html.
 */
export interface AwsChatBody extends Omit<V1ChatRequest, 'model'>, AwsChatMembers {
  readonly model?: never;
}

/** What AWS documents for Command beyond the generate body. */
interface AwsGenerateMembers {
  /** Biases of token ids (`{ "11": -10 }`), each from -10 to 10 (AWS: "bias is a float between -10 and 10"). */
  logit_bias?: Record<string, number> | null | undefined;
}

/**
 * The body of a generation with Command on AWS: the generate body (`prompt`, `max_tokens`,
 * `num_generations`, …) and `logit_bias`, without `model`. `stream` may be left out (the
 * transports set it). See https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command.html.
 */
export interface AwsGenerateBody extends Omit<GenerateRequest, 'model'>, AwsGenerateMembers {
  readonly model?: never;
}

/** The V1 chat body with the members AWS adds (`model` is refused separately). */
interface AwsChatSchemaBody extends V1ChatRequest, AwsChatMembers {}
/** The generate body with the members AWS adds (`model` is refused separately). */
interface AwsGenerateSchemaBody extends GenerateRequest, AwsGenerateMembers {}

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

/**
 * The schema of each AWS body: the V1 chat and generate bodies with the members AWS documents.
 *
 * @internal
 */
export const AWS_SCHEMAS: Readonly<Record<AwsBodyKind, z.ZodType>> = {
  // AWS states 0 to 1 for Command R's temperature ("Min 0, Max 1"); api.cohere.com only "non-negative".
  chat: schemaOf<AwsChatSchemaBody>()(
    lazySchema(() => V1ChatRequest.safeExtend({ temperature: opt(z.number().min(0).max(1)), return_prompt: opt(z.boolean()) })),
  ),
  generate: schemaOf<AwsGenerateSchemaBody>()(
    lazySchema(() => GenerateRequest.safeExtend({ logit_bias: opt(z.record(z.string(), z.number().min(-10).max(10))) })),
  ),
};

/** The issue of a V2 chat body (`messages`) given where Command R takes a V1 one. */
function v2BodyIssue(messages: unknown): SchemaIssue {
  return {
    path: 'messages',
    expected: "a V1 chat body: Command R and R+ on AWS take `message` (the new user turn) and `chat_history` (the earlier turns), not V2's `messages`",
    received: describeValue(messages),
    message: 'AWS chat bodies are V1 chat bodies',
  };
}

/**
 * Checks a body against the V1 chat or generate request schema (with the members AWS adds), and
 * that it has no `model`;
 * returns the JSON text to send, with `stream: true` added or `stream` removed. A chat body
 * with V2's `messages` (and no `message`) is told that Command R takes V1 bodies.
 *
 * @throws {@link RequestValidationError} naming every bad field.
 * @internal
 */
export function requestPayload(
  kind: AwsBodyKind,
  body: AwsChatBody | AwsGenerateBody,
  endpoint: string,
  stream: boolean,
  unknownFields: UnknownFields,
): Uint8Array {
  const fields = body as unknown as Readonly<Record<string, unknown>>;
  let issues = requestIssues(AWS_SCHEMAS[kind], body, unknownFields);
  if (kind === 'chat' && 'messages' in fields && !('message' in fields)) {
    issues = [v2BodyIssue(fields['messages']), ...issues.filter((issue) => issue.path !== 'messages' && issue.path !== 'message')];
  }
  if (fields['model'] !== undefined) {
    issues.push({
      path: 'model',
      expected: 'no member (on AWS the model id or endpoint names the model)',
      received: describeValue(fields['model']),
      message: 'AWS bodies do not take `model`',
    });
  }
  if (issues.length > 0) throw new RequestValidationError({ endpoint, issues });
  const { stream: _stream, ...rest } = fields;
  return new TextEncoder().encode(JSON.stringify(stream ? { ...rest, stream: true } : rest));
}
