/**
 * Every error cohere-rx reports, in one tree (the package's root entry exports all of them). Each class sets a stable `name`, takes one details
 * object, and carries the fields a caller needs to act on it; messages say what was expected,
 * what arrived and what to do.
 *
 * ```text
 * CohereStreamError
 * ├── StreamInterruptedError             the stream was cut: the finishing operators keep the partial value
 * │   ├── ConnectionError                  a failed or dropped connection
 * │   ├── StreamTimeoutError               a stall (headers, first frame, idle)
 * │   ├── RequestAbortedError              the caller's `signal` aborted
 * │   ├── AwsStreamError                   an AWS exception (HTTP error or exception frame)
 * │   └── RecordedStreamError              a replayed cassette whose recording ended early
 * ├── DecodeError                        a frame that is not a JSON object (or a cut, truncated frame)
 * ├── ValidationError                    a value of the wrong shape: `path`, `expected`, `received`, `issues`
 * │   ├── SchemaError                      a known event
 * │   ├── RequestValidationError           a request body (nothing is sent)
 * │   └── ModelFieldError                  the input of a model constructor
 * ├── MissingFieldError                  a model constructor's required member is absent
 * ├── CohereHttpError                    an HTTP error status, one subclass per documented status
 * ├── RedirectError                      a redirect that was not followed (status, location, reason)
 * ├── InvalidOptionError                 an option given a value it does not accept (thrown at the call)
 * ├── ResponseConsumedError              an AWS response in hand subscribed to a second time
 * ├── CassetteFormatError                a cassette text that is not one (line, expected, received)
 * ├── IncompleteStreamError              the stream ended without its terminal event: `partial`
 * ├── StreamOrderError                   an event in an impossible order
 * ├── StreamRestartedError               the stream started over after pieces were emitted
 * ├── ItemLimitError                     more items than maxItems
 * ├── TextMismatchError                  a final response that disagrees with the streamed text
 * ├── GenerationError                    a generation failed inside the stream (`stream-error`)
 * ├── FinishReasonError                  a chat answer whose finish reason says the model failed
 * └── ToolCallArgumentsError             tool-call arguments that are not a JSON object
 * ```
 *
 * @module
 */
export { CohereStreamError, FRAME_EXCERPT_LENGTH, StreamInterruptedError } from './cohere-stream-error';
export {
  ConnectionError,
  RequestAbortedError,
  StreamTimeoutError,
  type ConnectionErrorDetails,
  type RequestAbortedErrorDetails,
  type StreamTimeoutErrorDetails,
  type TimeoutPhase,
} from './interruptions';
export { AwsStreamError, ResponseConsumedError, type AwsService, type AwsStreamErrorDetails, type ResponseConsumedErrorDetails } from './aws';
export { DecodeError, SchemaError, type DecodeErrorDetails, type DecodeErrorReason, type SchemaErrorDetails } from './decoding';
export { ValidationError, type SchemaIssue } from './validation';
export { RequestValidationError, type RequestValidationErrorDetails } from './requests';
export { MissingFieldError, ModelFieldError, type MissingFieldErrorDetails, type ModelFieldErrorDetails } from './models';
export {
  BadRequestError,
  ClientClosedRequestError,
  CohereHttpError,
  ERROR_BODY_LENGTH,
  ForbiddenError,
  GatewayTimeoutError,
  InternalServerError,
  InvalidTokenError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  MAX_REDIRECTS,
  RedirectError,
  type HttpErrorDetails,
  type RedirectErrorDetails,
  type RedirectReason,
} from './http';
export {
  IncompleteStreamError,
  ItemLimitError,
  StreamOrderError,
  StreamRestartedError,
  TextMismatchError,
  type ItemLimitErrorDetails,
  type StreamOrderReason,
  type StreamRestartedErrorDetails,
} from './completeness';
export { FinishReasonError, GenerationError, ToolCallArgumentsError, type FinishReasonErrorDetails } from './model-output';
export { InvalidOptionError, type InvalidOptionErrorDetails } from './options';
export {
  CassetteFormatError,
  RecordedStreamError,
  type CassetteFormatErrorDetails,
  type RecordedEnding,
  type RecordedError,
  type RecordedStreamErrorDetails,
} from './cassettes';
