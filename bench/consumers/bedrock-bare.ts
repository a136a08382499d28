/**
 * The Bedrock baseline: the AWS SDK's `InvokeModelWithResponseStreamCommand` and a bare
 * `for await` over its event iterator, `JSON.parse` of each chunk and text concatenation.
 */
import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';

/** Reads the stream with the bare SDK loop; see {@link Consume}. */
export const consume: Consume = async (url) => {
  const { config, name } = awsTarget(url);
  const client = new BedrockRuntimeClient(config);
  try {
    const output = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: name,
        body: JSON.stringify(AWS_CHAT_BODY),
        contentType: 'application/json',
        accept: 'application/json',
      }),
    );
    const decoder = new TextDecoder();
    let text = '';
    for await (const event of output.body ?? []) {
      if (event.chunk?.bytes === undefined) continue;
      const value = JSON.parse(decoder.decode(event.chunk.bytes)) as { event_type?: string; text?: string };
      if (value.event_type === 'text-generation') text += value.text ?? '';
    }
    return text;
  } finally {
    client.destroy();
  }
};
