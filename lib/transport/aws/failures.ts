/**
 * How what the AWS SDK throws (or yields) becomes an {@link AwsStreamError}: service exceptions
 * of an HTTP error answer, exception frames inside the stream, and exception types the SDK does
 * not know.
 *
 * @module
 * @internal
 */
import { AwsStreamError, type AwsService } from '../../errors/index';

/** Where a failure happened. @internal */
export interface FailureContext {
  readonly service: AwsService;
  readonly endpoint: string;
  /** The request id of the stream's answer, once `send()` resolved. */
  readonly requestId: string | undefined;
  readonly framesReceived: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** The first of the named members of `value` that is a string / a number. */
function text(value: unknown, ...names: string[]): string | undefined {
  if (!isObject(value)) return undefined;
  for (const name of names) if (typeof value[name] === 'string' && value[name] !== '') return value[name];
  return undefined;
}
function number(value: unknown, ...names: string[]): number | undefined {
  if (!isObject(value)) return undefined;
  for (const name of names) if (typeof value[name] === 'number') return value[name];
  return undefined;
}

/**
 * The JSON payload the SDK puts in the message of an exception type it does not know (it throws
 * a plain `Error` whose `name` is the type and whose `message` is the payload, followed by a
 * "Deserialization error" note when it is the first message), else `undefined`.
 */
function unknownExceptionPayload(error: Record<string, unknown>, name: string, message: string): Record<string, unknown> | undefined {
  if ('code' in error || name === 'Error' || !message.startsWith('{')) return undefined;
  try {
    const payload: unknown = JSON.parse(message.replace(/\n\s*Deserialization error:[\s\S]*$/, ''));
    return isObject(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The request id header (`x-amzn-requestid`) of the response the SDK attaches to an error it
 * threw while reading the answer (its hidden `$response`): an exception as the first message of
 * a stream rejects `send()` with no request id in `$metadata`.
 */
function responseRequestId(cause: unknown): string | undefined {
  const response = isObject(cause) ? cause['$response'] : undefined;
  const headers = isObject(response) ? response['headers'] : undefined;
  if (!isObject(headers)) return undefined;
  const name = Object.keys(headers).find((key) => /^x-[\w-]+-request-?id$/i.test(key));
  return name === undefined ? undefined : text(headers, name);
}

/** The `AwsStreamError` for an exception value: a service exception, a yielded member, or an unknown type's payload. */
function exception(type: string, fields: unknown, cause: unknown, context: FailureContext, awsMessage: string | undefined): AwsStreamError {
  const metadata = isObject(cause) ? cause['$metadata'] : undefined;
  const fault = isObject(cause) ? cause['$fault'] : undefined;
  const status = number(metadata, 'httpStatusCode');
  return new AwsStreamError({
    service: context.service,
    endpoint: context.endpoint,
    exceptionType: type,
    awsMessage,
    // An exception frame comes with the stream's own 200: only an error answer's status is kept.
    httpStatus: status !== undefined && status >= 300 ? status : undefined,
    requestId: text(metadata, 'requestId') ?? responseRequestId(cause) ?? context.requestId,
    originalStatusCode: number(fields, 'originalStatusCode', 'OriginalStatusCode'),
    originalMessage: text(fields, 'originalMessage', 'OriginalMessage'),
    errorCode: text(fields, 'ErrorCode', 'errorCode'),
    fault: fault === 'client' || fault === 'server' ? fault : undefined,
    framesReceived: context.framesReceived,
    cause,
  });
}

/**
 * The `AwsStreamError` for an error the SDK threw, when it is an AWS exception: a service
 * exception (it has `$fault`; an HTTP error answer, or an exception frame), an HTTP error answer
 * whose body is not JSON (exception type `Unknown`) or an exception type the SDK does not know.
 * `undefined` for anything else (a network failure, a cut connection).
 *
 * @internal
 */
export function awsExceptionOf(error: unknown, context: FailureContext): AwsStreamError | undefined {
  // Read by shape, not `instanceof Error`: errors from another realm (a VM context) count too.
  if (!isObject(error) || typeof error['name'] !== 'string' || typeof error['message'] !== 'string') return undefined;
  const name = error['name'];
  if ('$fault' in error) return exception(name, error, error, context, text(error, 'message', 'Message'));
  // An error answer whose body the SDK could not read as JSON (a proxy's HTML 502): it names no
  // exception, so it gets the name the SDK gives an error it cannot identify.
  const status = number(error['$metadata'], 'httpStatusCode');
  if (status !== undefined && status >= 300) return exception('Unknown', undefined, error, context, undefined);
  const payload = unknownExceptionPayload(error, name, error['message']);
  return payload === undefined ? undefined : exception(name, payload, error, context, text(payload, 'message', 'Message'));
}

/**
 * The `AwsStreamError` for an exception the SDK yields as a member of an event
 * (`{ throttlingException: { message } }`) instead of throwing it.
 *
 * @internal
 */
export function awsExceptionMember(type: string, value: unknown, context: FailureContext): AwsStreamError {
  return exception(type, value, value, context, text(value, 'message', 'Message'));
}
