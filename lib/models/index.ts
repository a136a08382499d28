/**
 * The chat models of the AWS flavour of Cohere's Python SDK (`cohere.manually_maintained.cohere_aws.chat`
 * in `cohere-ai/cohere-python`), read through cohere-rx's V1 chat schemas: what Command R / R+
 * on AWS Bedrock and SageMaker stream, one V1 chat event per chunk.
 *
 * Every model is a plain JSON object with the wire's snake_case names, never a class instance.
 * Its companion `const` holds its constructors (`ToolCall.fromDict`, `Chat.fromDict`), as the
 * Python classes hold `from_dict`.
 *
 * One rule for every constructor:
 *
 * - A model reads only the members its Python class reads, each checked (nested values
 *   included) by its schema in `schemas/v1-chat-events`; other members are left out. Members
 *   of free-form objects (tool `parameters`, `documents`) are kept as they arrived.
 * - A member that is missing or `null` (Python `None`) is left out of the result, never written
 *   as `undefined` or `null`, so a JSON round trip is exact.
 * - A value of the wrong type, whether the input itself or a member read at any depth, throws
 *   {@link ModelFieldError} with the model, the member's path, what was expected and what
 *   arrived. (Python would pass it through untyped, or crash with `AttributeError`.)
 * - {@link Chat.fromDict} without `response_id` (missing or `null`) throws
 *   {@link MissingFieldError} (Python: `KeyError`).
 * - Where Python returns `None`, this returns `undefined`: {@link ToolCall.fromList} of a
 *   non-list, {@link streamResponseFromDict} of an unknown `event_type` or of a `stream-end`
 *   without `response`.
 *
 * @module
 */
export { Chat } from './chat';
export {
  isStreamEvent,
  StreamEvent,
  streamResponseFromDict,
  streamResponsesFromDicts,
  type ChatToolCallsGenerationEvent,
  type StreamCitationGeneration,
  type StreamEnd,
  type StreamEndResponse,
  type StreamQueryGeneration,
  type StreamResponse,
  type StreamResponseBase,
  type StreamSearchResults,
  type StreamStart,
  type StreamTextGeneration,
} from './stream-responses';
export { Tool, ToolCall, ToolParameterDefinitionsValue } from './tools';
