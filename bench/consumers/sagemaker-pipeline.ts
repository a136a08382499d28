/** cohere-rx on SageMaker: `sagemakerChatStream` (`fromSageMaker` + `decodeEvents(chatV1)`) and `accumulateChat()`. */
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { lastValueFrom } from 'rxjs';
import { accumulateChat } from '../../lib/index';
import { sagemakerChatStream } from '../../lib/transport/sagemaker/index';
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';

/** Reads the stream with the cohere-rx pipeline; see {@link Consume}. */
export const consume: Consume = async (url) => {
  const { config, name } = awsTarget(url);
  const client = new SageMakerRuntimeClient(config);
  try {
    const chat = await lastValueFrom(sagemakerChatStream(client, { endpointName: name, body: AWS_CHAT_BODY }).pipe(accumulateChat()));
    return chat.text ?? '';
  } finally {
    client.destroy();
  }
};
