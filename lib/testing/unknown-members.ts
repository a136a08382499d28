/**
 * How the mock server refuses a request body with members Cohere's API reference does not list
 * (`maxTokens` for `max_tokens`), as the service it stands in for would: whatever answer was
 * scripted, the test sees the mistake.
 *
 * @module
 */
import type { z } from 'zod';
import { isJsonObject } from '../decoding/schemas/shared';
import { schemaIssues } from '../decoding/issues';
import { isUnknownMember } from '../errors/requests';
import type { SchemaIssue } from '../errors/index';
import { AWS_SCHEMAS, kindOf, type AwsChatBody } from '../transport/aws/request-body';
import { ENDPOINTS, type CohereEndpoint } from '../transport/endpoints';
import type { MockHandler, RecordedRequest } from './mock-exchange';
import { awsError, fails } from './mock-replies';

/**
 * What the mock server does with a request body that has members the endpoint's request schema
 * does not list: `'reject'` answers as the service would refuse it, `'accept'` lets the request
 * through to its scripted answer.
 */
export type MockUnknownFields = 'reject' | 'accept';

const BEDROCK_PATH = /^\/model\/[^/]+\/invoke-with-response-stream$/;
const SAGEMAKER_PATH = /^\/endpoints\/[^/]+\/invocations-response-stream$/;

/** The service a path belongs to and the schema of its body, or `undefined` for a path that is no Cohere endpoint. */
function endpointOf(path: string, body: object): { readonly service: 'cohere' | 'bedrock' | 'sagemaker'; readonly schema: z.ZodType } | undefined {
  const endpoint = path.slice(1);
  if (endpoint in ENDPOINTS) return { service: 'cohere', schema: ENDPOINTS[endpoint as CohereEndpoint].schema };
  const service = BEDROCK_PATH.test(path) ? 'bedrock' : SAGEMAKER_PATH.test(path) ? 'sagemaker' : undefined;
  if (service === undefined) return undefined;
  return { service, schema: AWS_SCHEMAS[kindOf(body as AwsChatBody)] };
}

/** `maxTokens (did you mean "max_tokens"?)`. */
const named = (issue: SchemaIssue) => `${issue.path}${issue.message.slice('unknown member'.length)}`;

/**
 * The refusal of a request whose JSON body has members its endpoint's request schema does not
 * list, in the manner of each service: api.cohere.com a 400 with `{ message }`, Bedrock a 400
 * `ValidationException` ("extraneous key […] is not permitted"), SageMaker a 424 `ModelError`
 * carrying the model's 400. `undefined` for any other request.
 *
 * @internal
 */
export function unknownMembersRefusal(request: RecordedRequest): MockHandler | undefined {
  if (request.method !== 'POST' || !isJsonObject(request.json)) return undefined;
  const endpoint = endpointOf(request.path.split('?')[0] ?? '', request.json);
  if (endpoint === undefined) return undefined;
  const unknown = schemaIssues(endpoint.schema, request.json).filter(isUnknownMember);
  if (unknown.length === 0) return undefined;
  const message =
    `invalid request: unknown member(s) ${unknown.map(named).join(', ')}. ` +
    "(cohere-rx's mock server refuses members Cohere's API reference does not list; start it with unknownFields: 'accept' to let them through.)";
  switch (endpoint.service) {
    case 'cohere':
      return fails(400, { message });
    case 'bedrock':
      return awsError(
        400,
        'ValidationException',
        `Malformed input request: ${unknown.map((issue) => `#: extraneous key [${named(issue)}] is not permitted`).join(', ')}, please reformat your input and try again.`,
      );
    case 'sagemaker':
      return awsError(424, 'ModelError', 'Received client error (400) from model', {
        members: { OriginalStatusCode: 400, OriginalMessage: JSON.stringify({ message }) },
      });
  }
}
