/**
 * The SageMaker null consumer: one `node:http` request (HTTP/1.1, what the SDK client speaks) to
 * the endpoint's response stream, its bytes only counted. No SDK, no event-stream decoding.
 */
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';
import { drainHttp } from './null-drain';

/** Drains the SageMaker stream; see {@link Consume}. */
export const consume: Consume = (url, onFirstToken) => {
  const { config, name } = awsTarget(url);
  return drainHttp(
    `${config.endpoint}/endpoints/${encodeURIComponent(name)}/invocations-response-stream`,
    JSON.stringify({ ...AWS_CHAT_BODY, stream: true }),
    { 'content-type': 'application/json' },
    onFirstToken,
  );
};
