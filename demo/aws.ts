/**
 * Scene: the same chat through AWS Bedrock and SageMaker, with the real AWS SDK clients.
 *
 * @module
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { Observable } from 'rxjs';
import { chatV1, decodeEvents, type Chat } from '../lib/index';
import { fromBedrock } from '../lib/transport/bedrock/index';
import { fromSageMaker } from '../lib/transport/sagemaker/index';
import { awsClientConfig, bedrockStream, chatOf, chatV1Events, sagemakerStream, type MockHandler, type V1Source } from '../lib/testing/index';
import { chatShownLive, type Scene, type Stage } from './scene';
import { AWS_TARGETS, PENGUIN_CHAT } from './scripts';
import { inOut, printMeta, printQuestion, startAnswer } from './summaries';
import { INDENT } from './terminal';

/** How one AWS service is reached: the reply it streams, the request it gets, and the frames of the call. */
interface AwsService {
  readonly title: string;
  readonly source: V1Source;
  readonly reply: MockHandler;
  /** The request path (decoded) and body the service receives. */
  readonly request: { readonly path: string; readonly body: Readonly<Record<string, unknown>> };
  /** Makes the client, calls the service, and returns its frames and a way to release the client. */
  readonly call: (stage: Stage, body: { readonly message: string }) => { readonly frames: Observable<string>; readonly destroy: () => void };
}

/** The services of the scene: Bedrock (one chunk per event, over HTTP/2) and SageMaker (payload parts cut anywhere, over HTTP/1.1). */
function servicesOf(gapMs: number): AwsService[] {
  const { script } = PENGUIN_CHAT;
  return [
    {
      title: 'AWS Bedrock',
      source: 'bedrock',
      reply: bedrockStream(chatV1Events(script, { source: 'bedrock' }), { gapMs }),
      // Command R / R+ on Bedrock reject `stream`: the transport leaves it out.
      request: { path: `/model/${AWS_TARGETS.modelId}/invoke-with-response-stream`, body: { message: PENGUIN_CHAT.question } },
      call: ({ server, aws }, body) => {
        const client = new BedrockRuntimeClient(awsClientConfig(server));
        return { frames: fromBedrock(client, { modelId: AWS_TARGETS.modelId, body }, aws), destroy: () => client.destroy() };
      },
    },
    {
      title: 'AWS SageMaker',
      source: 'sagemaker',
      // Parts of 96 bytes: JSON documents cut anywhere, as SageMaker may cut them.
      reply: sagemakerStream(chatV1Events(script, { source: 'sagemaker' }), { partSize: 96, gapMs }),
      // A SageMaker container streams only with `stream: true`: the transport adds it.
      request: { path: `/endpoints/${AWS_TARGETS.endpointName}/invocations-response-stream`, body: { message: PENGUIN_CHAT.question, stream: true } },
      call: ({ server, aws }, body) => {
        const client = new SageMakerRuntimeClient(awsClientConfig(server));
        return { frames: fromSageMaker(client, { endpointName: AWS_TARGETS.endpointName, body }, aws), destroy: () => client.destroy() };
      },
    },
  ];
}

/** Streams the chat from one service, prints it and its summary, and checks it. */
async function streamFrom(stage: Stage, service: AwsService): Promise<void> {
  const { server, terminal, checks } = stage;
  const { question, script } = PENGUIN_CHAT;
  server.reply(service.reply);
  terminal.line(`${INDENT}${terminal.paint.bold(service.title)}`);
  const { frames, destroy } = service.call(stage, { message: question });
  printQuestion(terminal, question);
  startAnswer(terminal);
  let chat: Chat;
  try {
    ({ final: chat } = await chatShownLive(frames.pipe(decodeEvents(chatV1)), terminal));
  } finally {
    destroy();
  }
  const request = server.requests.at(-1);
  const path = decodeURIComponent(request?.path ?? '');
  terminal.line();
  terminal.field('finish reason', terminal.paint.bold(chat.finish_reason ?? '—'));
  printMeta(terminal, chat.meta);
  const metrics = chat['amazon-bedrock-invocationMetrics'];
  if (metrics !== undefined) {
    terminal.field(
      'invocation',
      `${inOut({ input_tokens: metrics.inputTokenCount, output_tokens: metrics.outputTokenCount })} · ${metrics.invocationLatency} ms`,
    );
  }
  terminal.field('sent', terminal.paint.dim(`POST ${path} (HTTP/${request?.httpVersion ?? '?'})`));

  checks.equal(`${service.title} request`, { path, body: request?.json }, service.request);
  checks.equal(`${service.title} Chat`, chat, chatOf(script, { source: service.source }));
}

/**
 * The AWS scene: the chat of the first scene as V1 chat events, through `fromBedrock` with a
 * real `BedrockRuntimeClient` and through `fromSageMaker` with a real `SageMakerRuntimeClient`
 * (pointed at the embedded server), each decoded with `decodeEvents(chatV1)`, its text
 * printed live and its `Chat` summarized. Checked: each request and each `Chat`.
 */
export const awsStreams: Scene = {
  name: 'aws',
  title: 'The same chat on AWS Bedrock and SageMaker',
  pipeline: 'fromBedrock(client, input) | fromSageMaker(client, input) → decodeEvents(chatV1).pipe(share()) → textDeltas(), accumulateChat()',
  async run(stage) {
    // The AWS SDK warns on Node 20 that its releases from 2027 need Node 22; this variable is
    // its own switch for that one warning.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    // The answer was seen streaming in the first scene: it goes faster here.
    for (const [position, service] of servicesOf(Math.round(stage.gapMs / 4)).entries()) {
      if (position > 0) stage.terminal.line();
      await streamFrom(stage, service);
    }
  },
};
