/** Where the AWS consumers send their request, read from the URL the benchmark gives them. */

/** The loopback endpoint and the model id (Bedrock) or endpoint name (SageMaker). */
export interface AwsTarget {
  /** The client configuration that points at the loopback server, with dummy credentials and no retries. */
  readonly config: {
    readonly region: string;
    readonly endpoint: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    readonly maxAttempts: number;
  };
  /** The model id or endpoint name. */
  readonly name: string;
}

/**
 * Splits `http://127.0.0.1:<port>/<name>` into the client configuration and the name.
 *
 * @param url The endpoint with the name as its path.
 * @returns The configuration and the name.
 */
export function awsTarget(url: string): AwsTarget {
  const { origin, pathname } = new URL(url);
  return {
    config: { region: 'us-east-1', endpoint: origin, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 },
    name: decodeURIComponent(pathname.slice(1)),
  };
}

/** The V1 chat body the AWS consumers send. */
export const AWS_CHAT_BODY = { message: 'Write a long story' };
