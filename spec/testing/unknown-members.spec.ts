import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { InvalidOptionError } from '../../lib/index';
import { awsClientConfig, fails, startMockCohereServer, type MockCohereServer } from '../../lib/testing/index';

let server: MockCohereServer;
beforeAll(async () => {
  server = await startMockCohereServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const model = 'command-a-03-2025';
const messages = [{ role: 'user', content: 'Hi' }];
const NOTE = "(cohere-rx's mock server refuses members Cohere's API reference does not list; start it with unknownFields: 'accept' to let them through.)";

describe('the mock server refuses a body with members the API reference does not list', () => {
  test("a request that does not go through cohere-rx's check (here plain fetch) gets a 400 with Cohere's { message }, naming each member", async () => {
    const answer = await post(server.baseUrl, '/v2/chat', { model, messages: [{ role: 'user', content: 'Hi', toolCallId: 'x' }], maxTokens: 5, stream: true });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      message: `invalid request: unknown member(s) messages[0].toolCallId, maxTokens (did you mean "max_tokens"?). ${NOTE}`,
    });
  });

  test('whatever reply was queued or routed; the queued reply waits for the next request', async () => {
    server.reply(fails(418, { message: 'queued' }));
    server.route('/v1/chat', fails(418, { message: 'routed' }));
    expect((await post(server.baseUrl, '/v1/chat', { message: 'Hi', chatHistory: [] })).status).toBe(400);
    expect((await post(server.baseUrl, '/v1/generate', { prompt: 'Hi', numGenerations: 2 })).status).toBe(400);
    expect(await (await post(server.baseUrl, '/v2/chat', { model, messages })).json()).toEqual({ message: 'queued' });
    expect(await (await post(server.baseUrl, '/v1/chat', { message: 'Hi' })).json()).toEqual({ message: 'routed' });
    expect(server.requests).toHaveLength(4);
  });

  test('Bedrock refuses them with a ValidationException, through the real Bedrock client', async () => {
    const client = new BedrockRuntimeClient({ ...awsClientConfig(server), requestHandler: new NodeHttpHandler() });
    try {
      const body = new TextEncoder().encode(JSON.stringify({ message: 'Hi', chatHistory: [] }));
      const error = await client
        .send(new InvokeModelWithResponseStreamCommand({ modelId: 'cohere.command-r-v1:0', body, contentType: 'application/json' }))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({
        name: 'ValidationException',
        message:
          'Malformed input request: #: extraneous key [chatHistory (did you mean "chat_history"?)] is not permitted, please reformat your input and try again.',
        $metadata: { httpStatusCode: 400 },
      });
    } finally {
      client.destroy();
    }
  });

  test("a SageMaker endpoint refuses them with a ModelError carrying the model's 400, through the real SageMaker client", async () => {
    const client = new SageMakerRuntimeClient(awsClientConfig(server));
    try {
      const body = new TextEncoder().encode(JSON.stringify({ prompt: 'Hi', maxTokens: 5, stream: true }));
      const error = await client.send(new InvokeEndpointWithResponseStreamCommand({ EndpointName: 'e', Body: body, ContentType: 'application/json' })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'ModelError', OriginalStatusCode: 400, $metadata: { httpStatusCode: 424 } });
      expect(JSON.parse((error as { OriginalMessage: string }).OriginalMessage)).toEqual({
        message: `invalid request: unknown member(s) maxTokens (did you mean "max_tokens"?). ${NOTE}`,
      });
    } finally {
      client.destroy();
    }
  });

  test('a valid body, another path and a body that is not JSON are not its business', async () => {
    server.reply(fails(418, { message: 'a' }), fails(418, { message: 'b' }), fails(418, { message: 'c' }));
    expect((await post(server.baseUrl, '/v2/chat', { model, messages, max_tokens: 5 })).status).toBe(418);
    expect((await post(server.baseUrl, '/v3/chat', { maxTokens: 5 })).status).toBe(418);
    expect((await fetch(`${server.baseUrl}/v2/chat`, { method: 'POST', body: '{"maxTokens":' })).status).toBe(418);
  });
});

describe("unknownFields: 'accept'", () => {
  let accepting: MockCohereServer;
  beforeAll(async () => {
    accepting = await startMockCohereServer({ unknownFields: 'accept' });
  });
  afterAll(() => accepting.close());

  test('answers such a body as any other, for a test that sends unknown members on purpose', async () => {
    const answer = await post(accepting.baseUrl, '/v2/chat', { model, messages, new_parameter: true });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ finish_reason: 'COMPLETE' });
  });

  test('another value is an InvalidOptionError', async () => {
    await expect(startMockCohereServer({ unknownFields: 'ignore' as 'accept' })).rejects.toThrow(InvalidOptionError);
    await expect(startMockCohereServer({ unknownFields: 'ignore' as 'accept' })).rejects.toThrow("The option unknownFields accepts 'reject' or 'accept'");
  });
});
