/**
 * cohere-rx/testing: a kit for testing your own pipelines of cohere-rx, in any test framework
 * (it imports none).
 *
 * - **Builders** turn a short description of an answer ({@link ChatScript}, {@link GenerateScript})
 *   into the events of each family ({@link chatV2Events}, {@link chatV1Events},
 *   {@link generateEvents}), into wire-exact frames ({@link toSseFrames}, {@link toJsonLines},
 *   {@link toBedrockChunks}, {@link toSageMakerParts}) and into the final value they accumulate to
 *   ({@link chatResponseOf}, {@link chatOf}, {@link generateEndOf}).
 * - **Marbles**: {@link coldFrames} makes frames a cold Observable with a chosen timing, and
 *   {@link createMarbleScheduler} a `TestScheduler` that compares errors by class and fields.
 * - **Faults**: {@link splitEveryByte}, {@link dropAfter}, {@link dropAfterBytes},
 *   {@link duplicateEvent}, {@link insertUnknownEvent}; stalls are timings.
 * - **Mock server** (Node only): {@link startMockCohereServer} speaks the Cohere HTTP API and
 *   the AWS event-stream protocol of Bedrock and SageMaker on 127.0.0.1, records every request,
 *   and answers with scripted replies ({@link sseStream}, {@link streams}, {@link fails}…) or
 *   with a recorded stream ({@link cassetteReply}).
 * - **Cassettes** (what `recordCassette` of cohere-rx wrote): {@link replayCassette} replays a
 *   recorded stream's chunks with their timing, {@link readCassette} reads one checked.
 *
 * ```ts
 * import { accumulateChat, chatV2, decodeEvents, sseFrames } from 'cohere-rx';
 * import { chatResponseOf, chatV2Events, coldFrames, createMarbleScheduler, toSseFrames } from 'cohere-rx/testing';
 *
 * test('my pipeline', () => {
 *   const script = { text: ['Hello', ', world'] };
 *   createMarbleScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
 *     const response$ = coldFrames(cold, toSseFrames(chatV2Events(script))).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat());
 *     expectObservable(response$).toBe('-----a|', { a: chatResponseOf(script) });
 *   });
 * });
 * ```
 *
 * @module cohere-rx/testing
 */
export { DEFAULT_USAGE, type ChatScript, type CitationPlacement, type Pieces, type ScriptedCitation, type ScriptedToolCall } from './chat-script';
export { chatResponseOf, chatV2Event, chatV2Events } from './v2-events';
export { chatOf, chatV1Event, chatV1Events, type ChatV1Options, type V1Source } from './v1-events';
export {
  generateEvent,
  generateEndOf,
  generateEvents,
  unknownEvent,
  withoutEventType,
  type GenerateOptions,
  type GenerateScript,
  type ScriptedGeneration,
} from './generate-events';
export {
  toBedrockChunks,
  toBedrockMessages,
  toJsonLines,
  toJsonLinesText,
  toSageMakerMessages,
  toSageMakerParts,
  toSseFrames,
  toSseText,
  type BedrockMessageOptions,
  type JsonLinesOptions,
  type SageMakerPartOptions,
  type SseOptions,
  type WireEvent,
} from './wire';
export { bedrockChunkMessage, bedrockPayloadMessage, encodeEventStreamMessage, exceptionMessage, payloadPartMessage } from './event-stream-encoder';
export { coldFrames, frameMarble, type ColdFactory, type FrameMarble, type FramePause, type FrameTiming } from './cold-frames';
export { createMarbleScheduler, errorFields, observableMatcher, type AssertDeepEqual } from './marbles';
export { dropAfter, dropAfterBytes, duplicateEvent, insertUnknownEvent, splitEvery, splitEveryByte, type Chunk, type UnknownEventOptions } from './faults';
export { startMockCohereServer, type MockCohereServer, type MockServerOptions, type RequestMatch } from './mock-server';
export type { MockUnknownFields } from './unknown-members';
export type { HeadOptions, MockHandler, MockReply, RecordedRequest } from './mock-exchange';
export { bedrockStream, eventStream, jsonLinesStream, sagemakerStream, sseStream } from './family-replies';
export {
  awsError,
  dropsBeforeAnswer,
  endlessStream,
  EVENT_STREAM_CONTENT_TYPE,
  fails,
  JSON_LINES_CONTENT_TYPE,
  MOCK_REQUEST_ID,
  neverAnswers,
  SSE_CONTENT_TYPE,
  streams,
  type AwsErrorOptions,
  type EndlessStreamOptions,
  type ReplyPause,
  type StreamEnding,
  type StreamReplyOptions,
} from './mock-replies';
export { answerFromRequest } from './answer-from-request';
export { cassetteReply } from './cassette-reply';
export { readCassette, type CassetteInput, type ReadCassetteOptions } from '../cassettes/read-cassette';
export { replayCassette, type ReplayOptions } from '../cassettes/replay-cassette';
export {
  CASSETTE_LINE_LENGTH,
  CASSETTE_MAX_CHUNKS,
  CASSETTE_MAX_GAP_MS,
  CASSETTE_MAX_HEADERS,
  CASSETTE_MAX_TAKES,
  CASSETTE_MAX_TIME,
} from '../cassettes/format';
export { awsClientConfig, type MockAwsClientConfig } from './aws-client-config';
// The types the kit's signatures name, for code that imports only this entry point (with their
// schemas and constructors where the core has them, the same objects as cohere-rx's).
export { Chat } from '../models/index';
export type { UnknownEvent } from '../decoding/decoder';
export { ChatResponse } from '../decoding/schemas/chat-response';
export {
  GenerateStreamEnd,
  GenerateStreamEndEvent,
  GenerateStreamErrorEvent,
  GenerateTextGenerationEvent,
  type GenerateEvent,
} from '../decoding/schemas/generate-events';
export { JsonObject } from '../decoding/schemas/shared';
export { ChatCitation, ToolCallV1, type ChatV1Event } from '../decoding/schemas/v1-chat-events';
export { Citation, Source, Usage, type ChatV2Event } from '../decoding/schemas/v2-chat-events';
export type { CassetteChunk, CassetteEnding, CassetteFraming, CassetteHeader, CassetteProtocol, CassetteSource, CassetteTake } from '../cassettes/format';
export type { RecordedError } from '../errors/cassettes';
