/**
 * {@link AwsStreamError}: what AWS Bedrock or SageMaker reported instead of (or in the middle of)
 * a stream.
 *
 * @module
 */
import { CohereStreamError, StreamInterruptedError } from './cohere-stream-error';

/** The AWS service a stream came from. */
export type AwsService = 'bedrock' | 'sagemaker';

/** What an {@link AwsStreamError} is built from: its own fields, and what the AWS SDK threw (or the exception member it yielded) as `cause`. */
export type AwsStreamErrorDetails = Pick<
  AwsStreamError,
  | 'service'
  | 'endpoint'
  | 'exceptionType'
  | 'awsMessage'
  | 'httpStatus'
  | 'requestId'
  | 'originalStatusCode'
  | 'originalMessage'
  | 'errorCode'
  | 'fault'
  | 'framesReceived'
> & { readonly cause: unknown };

/** Exception types after which sending the same request again is worth it. */
const TRANSIENT = /throttl|timeout|unavailable|internal|streamerror|streamfailure|toomanyrequests/i;

const SERVICE_NAME: Readonly<Record<AwsService, string>> = { bedrock: 'Bedrock', sagemaker: 'SageMaker' };

/** The sentence of the message that says what happened. */
function describe(details: AwsStreamErrorDetails): string {
  const where = `POST /${details.endpoint}`;
  const facts = [
    details.httpStatus === undefined ? undefined : `HTTP ${details.httpStatus}`,
    details.errorCode === undefined ? undefined : `error code ${details.errorCode}`,
    details.requestId === undefined ? undefined : `request id ${details.requestId}`,
  ].filter((fact) => fact !== undefined);
  const said = details.awsMessage === undefined ? '' : `: "${details.awsMessage}"`;
  const model =
    details.originalStatusCode === undefined && details.originalMessage === undefined
      ? ''
      : ` The model answered ${details.originalStatusCode ?? 'an error'}${details.originalMessage === undefined ? '' : `: "${details.originalMessage}"`}.`;
  const when =
    details.framesReceived === 0
      ? `answered ${where} with ${details.exceptionType}`
      : `sent ${details.exceptionType} after ${details.framesReceived} frame(s) of the stream of ${where}`;
  return `${SERVICE_NAME[details.service]} ${when}${facts.length === 0 ? '' : ` (${facts.join(', ')})`}${said}.${model}`;
}

/** The sentence of the message that says what to do. */
function advise(details: AwsStreamErrorDetails): string {
  const partial = details.framesReceived === 0 ? '' : 'What arrived before it was delivered and is incomplete. ';
  if (details.fault === 'server' || (details.httpStatus ?? 0) >= 500 || TRANSIENT.test(details.exceptionType)) {
    return `${partial}Send the request again later; the SDK's own retries apply only before the stream starts.`;
  }
  return `${partial}Check the request (model id or endpoint name, body, region, permissions) before sending it again.`;
}

/**
 * AWS reported an exception instead of a stream, or in the middle of one: an HTTP error before
 * the stream (the SDK's service exception, e.g. `ValidationException` with `httpStatus` 400 or
 * `ThrottlingException` with 429), an exception frame inside the event stream (Bedrock
 * `modelStreamErrorException`, `throttlingException`, `internalServerException`,
 * `validationException`, `modelTimeoutException`, `serviceUnavailableException`; SageMaker
 * `ModelStreamError`, `InternalStreamFailure`), or an exception type the SDK does not know.
 * Everything delivered before it stays delivered.
 *
 * `exceptionType` is the exception's name as the SDK gives it (`ThrottlingException`,
 * `ModelStreamErrorException`; an unknown type keeps its wire name), `awsMessage` the service's
 * message, `originalStatusCode`/`originalMessage` what the model itself answered where the
 * exception says, `httpStatus` the status of an error answer, `requestId` the
 * `x-amzn-requestid`, and `cause` what the SDK threw.
 *
 * It is a {@link StreamInterruptedError}: after events arrived, `accumulateChat()` and the other
 * operators that finish a stream report it as the `cause` of an `IncompleteStreamError` carrying
 * the partial value (an exception before any event passes through as it is).
 *
 * ```ts
 * bedrockChatStream(client, { modelId, body }).subscribe({
 *   error: (e) => {
 *     if (e instanceof AwsStreamError && e.exceptionType === 'ThrottlingException') retryLater(e.requestId);
 *   },
 * });
 * ```
 */
export class AwsStreamError extends StreamInterruptedError {
  override name = 'AwsStreamError';
  /** The service that answered: `bedrock` or `sagemaker`. */
  readonly service: AwsService;
  /** The path that was called, e.g. `model/cohere.command-r-v1:0/invoke-with-response-stream`. */
  readonly endpoint: string;
  /** The exception's name, e.g. `ThrottlingException`, `ModelStreamErrorException` or `ModelStreamError`. */
  readonly exceptionType: string;
  /** The service's own message, when it sent one. */
  readonly awsMessage: string | undefined;
  /** The HTTP status of an error answer before the stream; `undefined` for an exception inside the stream. */
  readonly httpStatus: number | undefined;
  /** The request id (`x-amzn-requestid`), when known; quote it to AWS support. */
  readonly requestId: string | undefined;
  /** The status the model itself answered with (Bedrock `originalStatusCode`, SageMaker `OriginalStatusCode`). */
  readonly originalStatusCode: number | undefined;
  /** The model's own message (Bedrock `originalMessage`, SageMaker `OriginalMessage`). */
  readonly originalMessage: string | undefined;
  /** SageMaker's `ErrorCode` (`StreamBroken`, `ModelInvocationTimeExceeded`), when sent. */
  readonly errorCode: string | undefined;
  /** Whose fault the SDK says it is (`client` or `server`), when it says. */
  readonly fault: 'client' | 'server' | undefined;
  /** How many frames were delivered before the exception; `0` when it came before the stream started. */
  readonly framesReceived: number;

  constructor(details: AwsStreamErrorDetails) {
    super(`${describe(details)} ${advise(details)}`, { cause: details.cause });
    this.service = details.service;
    this.endpoint = details.endpoint;
    this.exceptionType = details.exceptionType;
    this.awsMessage = details.awsMessage;
    this.httpStatus = details.httpStatus;
    this.requestId = details.requestId;
    this.originalStatusCode = details.originalStatusCode;
    this.originalMessage = details.originalMessage;
    this.errorCode = details.errorCode;
    this.fault = details.fault;
    this.framesReceived = details.framesReceived;
  }
}

/** What a {@link ResponseConsumedError} is built from. */
export type ResponseConsumedErrorDetails = Pick<ResponseConsumedError, 'service' | 'endpoint'>;

/**
 * An AWS response the caller already held (`streamingChat`, `fromBedrockResponse`,
 * `fromSageMakerResponse`) was subscribed to again: its event stream is one HTTP answer, read
 * once, so a second subscription gets this error at once instead of events replayed or stolen
 * from the first. Nothing is read.
 *
 * Subscribe once and `share()` the Observable among several subscribers, or send the request
 * again for a second stream (`fromBedrock`, `fromSageMaker` send one per subscription).
 */
export class ResponseConsumedError extends CohereStreamError {
  override name = 'ResponseConsumedError';
  /** The service the response came from: `bedrock` or `sagemaker`. */
  readonly service: AwsService;
  /** The path of the operation, e.g. `model/{modelId}/invoke-with-response-stream`. */
  readonly endpoint: string;

  constructor(details: ResponseConsumedErrorDetails) {
    super(
      `The event stream of this ${SERVICE_NAME[details.service]} response (POST /${details.endpoint}) was already subscribed to: ` +
        'a response you hold is one answer, read once. Subscribe once and share() the Observable among its subscribers, ' +
        'or send the request again for a second stream.',
    );
    this.service = details.service;
    this.endpoint = details.endpoint;
  }
}
