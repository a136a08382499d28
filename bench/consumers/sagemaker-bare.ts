/**
 * The SageMaker baseline: the AWS SDK's `InvokeEndpointWithResponseStreamCommand` and a bare
 * `for await` over its event iterator: payload parts decoded, split into lines, each line
 * `JSON.parse`d, text concatenated.
 */
import { InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';

/** Reads the stream with the bare SDK loop; see {@link Consume}. */
export const consume: Consume = async (url) => {
  const { config, name } = awsTarget(url);
  const client = new SageMakerRuntimeClient(config);
  try {
    const output = await client.send(
      new InvokeEndpointWithResponseStreamCommand({
        EndpointName: name,
        Body: JSON.stringify({ ...AWS_CHAT_BODY, stream: true }),
        ContentType: 'application/json',
      }),
    );
    const decoder = new TextDecoder();
    let text = '';
    const line = (json: string) => {
      if (json.trim() === '') return;
      const value = JSON.parse(json) as { event_type?: string; text?: string };
      if (value.event_type === 'text-generation') text += value.text ?? '';
    };
    let pending = '';
    for await (const event of output.Body ?? []) {
      if (event.PayloadPart?.Bytes === undefined) continue;
      pending += decoder.decode(event.PayloadPart.Bytes, { stream: true });
      let start = 0;
      for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
        line(pending.slice(start, end));
        start = end + 1;
      }
      pending = pending.slice(start);
    }
    line(pending + decoder.decode());
    return text;
  } finally {
    client.destroy();
  }
};
