/**
 * Type guards that tell which operator's {@link IncompleteStreamError} an error is, and so the
 * type of its `partial`, without a cast.
 *
 * @module
 */
import { IncompleteStreamError } from '../errors/index';
import type { ChatV1Snapshot } from './chat-v1-reducer';
import type { ChatSnapshot } from './chat-v2-reducer';
import type { GenerateSnapshot } from './generate-reducer';
import type { ToolCallProgress } from './tool-call-assembler';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isChatFamily = (protocol: string) => protocol.startsWith('chat');

/**
 * Whether an error is the `IncompleteStreamError` of `accumulateChat()` or `chatSnapshots()`:
 * its `partial` is the chat snapshot so far (`undefined` when no event arrived).
 *
 * ```ts
 * import { catchError, EMPTY } from 'rxjs';
 * import { accumulateChat, isIncompleteChat, responseText } from 'cohere-rx';
 *
 * events$.pipe(
 *   accumulateChat(),
 *   catchError((error: unknown) => {
 *     if (isIncompleteChat(error) && error.partial !== undefined) console.log('Cut short:', responseText(error.partial));
 *     return EMPTY;
 *   }),
 * );
 * ```
 */
export function isIncompleteChat(error: unknown): error is IncompleteStreamError<ChatSnapshot | ChatV1Snapshot | undefined> {
  return error instanceof IncompleteStreamError && isChatFamily(error.protocol) && (error.partial === undefined || (isRecord(error.partial) && 'complete' in error.partial));
}

/** Whether an error is the `IncompleteStreamError` of `textDeltas()`: its `partial` is the text emitted so far. */
export function isIncompleteText(error: unknown): error is IncompleteStreamError<string> {
  return error instanceof IncompleteStreamError && typeof error.partial === 'string';
}

/**
 * Whether an error is the `IncompleteStreamError` of `collectToolCalls()` or `partialToolCalls()`:
 * its `partial` lists the calls still in progress.
 */
export function isIncompleteToolCalls(error: unknown): error is IncompleteStreamError<ToolCallProgress[]> {
  return error instanceof IncompleteStreamError && isChatFamily(error.protocol) && Array.isArray(error.partial);
}

/**
 * Whether an error is the `IncompleteStreamError` of `accumulateGenerate()`: its `partial` is the
 * generate snapshot so far (`undefined` when no event arrived).
 */
export function isIncompleteGenerate(error: unknown): error is IncompleteStreamError<GenerateSnapshot | undefined> {
  return error instanceof IncompleteStreamError && error.protocol === 'generate' && (error.partial === undefined || (isRecord(error.partial) && 'generations' in error.partial));
}

/**
 * Whether an error is the `IncompleteStreamError` of `groupGenerationsByIndex()`: its `partial`
 * lists the indexes of the generations whose group was still open.
 */
export function isIncompleteGenerations(error: unknown): error is IncompleteStreamError<number[]> {
  return error instanceof IncompleteStreamError && error.protocol === 'generate' && Array.isArray(error.partial);
}
