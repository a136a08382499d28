/**
 * The api.cohere.com transport: `fromCohere` and the conveniences that decode its frames, with
 * their options (their errors are in `errors/`).
 *
 * @module
 */
export { createCohere, type CohereClient } from './client';
export { chatStream, chatStreamV1, generateStream, type CohereStreamOptions } from './conveniences';
export type { CohereEndpoint, CohereRequestBodies } from './endpoints';
export { DEFAULT_BASE_URL, fromCohere, type FetchFunction, type FromCohereOptions } from './from-cohere';
export type { TransportHooks, TransportRequest, TransportResponse, TransportRetry } from './hooks';
export type { RedirectPolicy } from './redirects';
export { DEFAULT_RETRY, type RetryOptions, type RetrySettings } from './retry';
export { DEFAULT_TIMEOUTS, type TimeoutOptions, type TimeoutSettings } from './timeouts';
