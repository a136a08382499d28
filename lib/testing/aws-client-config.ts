/**
 * The configuration that points a real AWS SDK client at the mock server.
 *
 * @module
 */

/** The members of a Bedrock Runtime or SageMaker Runtime client configuration that reach the mock server. */
export interface MockAwsClientConfig {
  /** A region: the client needs one to sign requests. */
  readonly region: string;
  /** The mock server's base URL. */
  readonly endpoint: string;
  /** Dummy credentials: the mock server does not check signatures. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** One attempt: the SDK's own retries would resend scripted failures. */
  readonly maxAttempts: number;
}

/**
 * The configuration of an AWS SDK client that talks to the mock server: its endpoint, region
 * `us-east-1`, dummy credentials and a single attempt. Spread it into the client's config;
 * the Bedrock client's default HTTP/2 handler and the SageMaker client's HTTP/1.1 one both work.
 *
 * @example
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { awsClientConfig, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * const client = new BedrockRuntimeClient({ ...awsClientConfig(server), maxAttempts: 2 });
 * client.destroy();
 * await server.close();
 * ```
 *
 * @param server The mock server (or anything with its `baseUrl`).
 * @returns The configuration.
 */
export function awsClientConfig(server: { readonly baseUrl: string }): MockAwsClientConfig {
  return { region: 'us-east-1', endpoint: server.baseUrl, credentials: { accessKeyId: 'mock', secretAccessKey: 'mock' }, maxAttempts: 1 };
}
