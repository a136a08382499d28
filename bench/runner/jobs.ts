/** What the runner asks of a measurement process, and what the process answers. */

/** The api.cohere.com consumers: the null consumer, the transport's floor, baseline-raw, then the others. */
export const HTTP_CONSUMERS = [
  'null-drain',
  'fetch-drain',
  'baseline-raw',
  'accumulate-chat',
  'accumulate-chat-metrics',
  'chat-snapshots',
  'text-deltas',
  'cohere-ai',
] as const;

/** The AWS consumers: each service's null consumer, its bare SDK loop, then the cohere-rx pipeline. */
export const AWS_CONSUMERS = [
  'bedrock-null-drain',
  'bedrock-bare',
  'bedrock-pipeline',
  'sagemaker-null-drain',
  'sagemaker-bare',
  'sagemaker-pipeline',
] as const;

/** The name of a consumer: its file in `bench/consumers/`. */
export type ConsumerName = (typeof HTTP_CONSUMERS)[number] | (typeof AWS_CONSUMERS)[number];

/** The consumers that only count the body's bytes: the null consumers and the transport's floor. None is a real consumer. */
export const DRAINS: readonly ConsumerName[] = ['null-drain', 'fetch-drain', 'bedrock-null-drain', 'sagemaker-null-drain'];

/** What a measurement process does. */
export interface Job {
  /**
   * `stream`: one call, timed. `first-token`: two calls (cold, then warm), each timed to the
   * first token and to the end. `warm`: warm-up calls, then calls timed to the end (`url`)
   * alternating with calls timed to the first token (`pauseUrl`). `concurrent`: `streams` calls
   * at once, timed to the last one.
   */
  readonly mode: 'stream' | 'first-token' | 'warm' | 'concurrent';
  readonly consumer: ConsumerName;
  /** What the consumer reads (see `Consume`). */
  readonly url: string;
  /** The same stream with a pause after its first delta (`warm` only). */
  readonly pauseUrl?: string;
  /** How many text deltas the stream has: the expected text is that many tokens. */
  readonly events: number;
  /** The length of the stream's body: what a null consumer must have read. */
  readonly bodyBytes: number;
  /** How many concurrent calls (`concurrent` only). */
  readonly streams?: number;
}

/** What a measurement process reports. */
export interface Report {
  /** Loading the consumer (and the packages it imports). */
  readonly importMs: number;
  /** Wall time of the timed window: the call (every call for `first-token` and `warm`, all of them for `concurrent`). */
  readonly ms: number;
  /** CPU time (user + system, all threads) over the same window. */
  readonly cpuMs: number;
  /** The process's peak resident set (`VmHWM`), in MB. */
  readonly peakRssMb: number;
  /** The peak used heap, sampled every 50 ms over the window, in MB. */
  readonly peakHeapMb: number;
  /** For `first-token` jobs: request start to first token, cold and warm, and to the end of the cold call. */
  readonly firstToken?: { readonly coldMs: number; readonly warmMs: number; readonly coldStreamMs: number };
  /** For `warm` jobs: the medians of the timed calls, to the end (`ms`) and to the first token. */
  readonly warm?: { readonly ms: number; readonly firstTokenMs: number };
}
