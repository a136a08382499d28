/**
 * The Bedrock null consumer: one cleartext HTTP/2 request (what the SDK client speaks) to the
 * model's response stream, its data only counted. No SDK, no event-stream decoding.
 */
import { connect } from 'node:http2';
import { AWS_CHAT_BODY, awsTarget } from './aws-target';
import type { Consume } from './consumer';

/** Drains the Bedrock stream; see {@link Consume}. */
export const consume: Consume = (url, onFirstToken) =>
  new Promise((resolve, reject) => {
    const { config, name } = awsTarget(url);
    const session = connect(config.endpoint);
    const fail = (error: Error) => {
      session.destroy();
      reject(error);
    };
    session.on('error', fail);
    const request = session.request({
      ':method': 'POST',
      ':path': `/model/${encodeURIComponent(name)}/invoke-with-response-stream`,
      'content-type': 'application/json',
    });
    let bytes = 0;
    request.on('response', (headers) => {
      if (headers[':status'] !== 200) fail(new Error(`HTTP ${headers[':status']}`));
    });
    request.on('data', (chunk: Buffer) => {
      if (bytes === 0 && chunk.length > 0) onFirstToken?.();
      bytes += chunk.length;
    });
    request.on('end', () => {
      session.close();
      resolve({ bytes });
    });
    request.on('error', fail);
    request.end(JSON.stringify(AWS_CHAT_BODY));
  });
