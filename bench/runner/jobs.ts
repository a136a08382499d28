/** What the runner asks of a measurement process, and what the process answers. */

/** The api.cohere.com consumers, baseline first. */
export const HTTP_CONSUMERS = ['baseline-raw', 'accumulate-chat', 'accumulate-chat-metrics', 'chat-snapshots', 'text-deltas', 'cohere-ai'] as const;

/** The AWS consumers: each service's bare SDK loop, then the cohere-rx pipeline. */
export const AWS_CONSUMERS = ['bedrock-bare', 'bedrock-pipeline', 'sagemaker-bare', 'sagemaker-pipeline'] as const;

/** The name of a consumer: its file in `bench/consumers/`. */
export type ConsumerName = (typeof HTTP_CONSUMERS)[number] | (typeof AWS_CONSUMERS)[number];

/** What a measurement process does. */
export interface Job {
  /**
   * `stream`: one call, timed. `first-token`: two calls (cold, then warm), each timed to the
   * first token and to the end. `concurrent`: `streams` calls at once, timed to the last one.
   */
  readonly mode: 'stream' | 'first-token' | 'concurrent';
  readonly consumer: ConsumerName;
  /** What the consumer reads (see `Consume`). */
  readonly url: string;
  /** How many text deltas the stream has: the expected text is that many tokens. */
  readonly events: number;
  /** How many concurrent calls (`concurrent` only). */
  readonly streams?: number;
}

/** What a measurement process reports. */
export interface Report {
  /** Loading the consumer (and the packages it imports). */
  readonly importMs: number;
  /** Wall time of the timed window: the call (both calls for `first-token`, all of them for `concurrent`). */
  readonly ms: number;
  /** CPU time (user + system, all threads) over the same window. */
  readonly cpuMs: number;
  /** The process's peak resident set (`VmHWM`), in MB. */
  readonly peakRssMb: number;
  /** The peak used heap, sampled every 50 ms over the window, in MB. */
  readonly peakHeapMb: number;
  /** For `first-token` jobs: request start to first token, cold and warm, and to the end of the cold call. */
  readonly firstToken?: { readonly coldMs: number; readonly warmMs: number; readonly coldStreamMs: number };
}
