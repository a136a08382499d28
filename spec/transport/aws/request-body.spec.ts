import { lastValueFrom, toArray } from 'rxjs';
import { InvalidOptionError, RequestValidationError } from '../../../lib/index';
import { bedrockChatStream, createBedrock, fromBedrock, type AwsChatBody } from '../../../lib/transport/bedrock/index';
import { createSageMaker } from '../../../lib/transport/sagemaker/index';
import { eventStream, startMockCohereServer, toBedrockMessages, type MockCohereServer } from '../../../lib/testing/index';
import { scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import { bedrockClient, sagemakerClient, useAwsServer, type AwsServer } from '../../helpers/mock-server';

const MODEL = 'cohere.command-r-v1:0';
/** A body as a JavaScript caller (or a cast) can pass it, past the compile-time check. */
const untyped = (body: object) => body as AwsChatBody;

describe('AWS request bodies', () => {
  const bed = useAwsServer('http1', bedrockClient);

  test('a V2 chat body (messages) is told that Command R takes V1 bodies (message, chat_history), and nothing is sent', async () => {
    const body = untyped({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: 50 });
    const result = await outcome(bedrockChatStream(bed.client, { modelId: MODEL, body }));
    expect(result.error).toBeInstanceOf(RequestValidationError);
    expect((result.error as RequestValidationError).issues.map((issue) => [issue.path, issue.expected, issue.received])).toEqual([
      [
        'messages',
        "a V1 chat body: Command R and R+ on AWS take `message` (the new user turn) and `chat_history` (the earlier turns), not V2's `messages`",
        'an array of 1 item(s)',
      ],
    ]);
    expect((result.error as Error).message).toContain(
      'not valid, so it was not sent: messages: expected a V1 chat body: Command R and R+ on AWS take `message`',
    );
    expect(bed.server.requests).toHaveLength(0);
  });

  test('members V1 chat does not list are refused with the member they most likely meant', async () => {
    const result = await outcome(bedrockChatStream(bed.client, { modelId: MODEL, body: untyped({ message: 'Hi', chatHistory: [], maxTokens: 5 }) }));
    expect((result.error as RequestValidationError).issues.map((issue) => [issue.path, issue.expected])).toEqual([
      ['chatHistory', 'no such member (did you mean "chat_history"?)'],
      ['maxTokens', 'no such member (did you mean "max_tokens"?)'],
    ]);
    expect(bed.server.requests).toHaveLength(0);
  });

  test("the members AWS documents beyond V1 chat and generate are taken: Command R's return_prompt, Command's logit_bias (-10 to 10)", async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)), eventStream(toBedrockMessages(scenarios.generateOne)));
    await lastValueFrom(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi', return_prompt: true } }).pipe(toArray()));
    const generate = { prompt: 'Hi', logit_bias: { '11': -10, '12': 10 } };
    await lastValueFrom(fromBedrock(bed.client, { modelId: 'cohere.command-text-v14', body: generate }).pipe(toArray()));
    expect(bed.server.requests.map((request) => JSON.parse(request.body))).toEqual([
      { message: 'Hi', return_prompt: true },
      { ...generate, stream: true },
    ]);
    const tooStrong = await outcome(fromBedrock(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Hi', logit_bias: { '11': -11 } } }));
    expect(tooStrong.error).toMatchObject({ name: 'RequestValidationError', path: 'logit_bias.11', expected: 'number >= -10', received: 'number -11' });
    expect(bed.server.requests).toHaveLength(2);
  });

  test("Command R's temperature is AWS's 0 to 1 (api.cohere.com only asks for a non-negative one)", async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)));
    await lastValueFrom(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi', temperature: 1 } }).pipe(toArray()));
    const tooHot = await outcome(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi', temperature: 1.5 } }));
    expect(tooHot.error).toMatchObject({ name: 'RequestValidationError', path: 'temperature', expected: 'number <= 1', received: 'number 1.5' });
    expect(bed.server.requests.map((request) => JSON.parse(request.body))).toEqual([{ message: 'Hi', temperature: 1 }]);
  });

  test("unknownFields is an InvalidOptionError at the call when it is not 'reject' or 'send'", () => {
    expect(() => fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi' } }, { unknownFields: 'keep' as 'send' })).toThrow(InvalidOptionError);
    expect(() => createBedrock(bed.client, { unknownFields: 'keep' as 'send' })).toThrow(InvalidOptionError);
    expect(bed.server.requests).toHaveLength(0);
  });
});

describe("AWS request bodies with unknownFields: 'send'", () => {
  let accepting: MockCohereServer;
  let server: AwsServer;
  beforeAll(async () => {
    accepting = await startMockCohereServer({ unknownFields: 'accept' });
    server = Object.assign(accepting, { protocol: 'http1' as const });
  });
  afterAll(() => accepting.close());

  test("Bedrock and SageMaker send them as they are, per call or from a client's defaults", async () => {
    const bedrock = bedrockClient(server);
    const sagemaker = sagemakerClient(server);
    try {
      accepting.reply(eventStream(toBedrockMessages(scenarios.text)));
      const body = untyped({ message: 'Hi', new_parameter: { on: true } });
      await lastValueFrom(fromBedrock(bedrock, { modelId: MODEL, body }, { unknownFields: 'send' }).pipe(toArray()));
      expect(JSON.parse(accepting.requests[0]?.body ?? '')).toEqual({ message: 'Hi', new_parameter: { on: true } });
      // From a client's defaults.
      const generate = await outcome(
        createSageMaker(sagemaker, { unknownFields: 'send' }).sagemakerGenerateStream({ endpointName: 'e', body: { prompt: 'Hi', ...{ new_parameter: 1 } } }),
      );
      expect(generate.error).toBeUndefined();
      expect(JSON.parse(accepting.requests[1]?.body ?? '')).toEqual({ prompt: 'Hi', new_parameter: 1, stream: true });
    } finally {
      bedrock.destroy();
      sagemaker.destroy();
    }
  });
});
