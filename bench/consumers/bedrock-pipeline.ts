/** cohere-rx on Bedrock: `bedrockChatStream` (`fromBedrock` + `decodeEvents(chatV1)`) and `accumulateChat()`. */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { lastValueFrom } from 'rxjs';
import { accumulateChat } from '../../lib/index';
import { bedrockChatStream } from '../../lib/transport/bedrock/index';
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';

/** Reads the stream with the cohere-rx pipeline; see {@link Consume}. */
export const consume: Consume = async (url) => {
  const { config, name } = awsTarget(url);
  const client = new BedrockRuntimeClient(config);
  try {
    const chat = await lastValueFrom(bedrockChatStream(client, { modelId: name, body: AWS_CHAT_BODY }).pipe(accumulateChat()));
    return chat.text ?? '';
  } finally {
    client.destroy();
  }
};
