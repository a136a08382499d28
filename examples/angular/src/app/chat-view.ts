import { CohereHttpError, IncompleteStreamError, type ChatSnapshot } from 'cohere-rx';
import { catchError, defer, map, of, startWith, type OperatorFunction } from 'rxjs';

/** What the chat component shows: the answer so far, how it ended, or why it failed. */
export interface ChatView {
  /** `idle` before the first prompt, `streaming` while the answer arrives, then `done` or `failed`. */
  readonly status: 'idle' | 'streaming' | 'done' | 'failed';
  /** The answer's text so far (on failure, what arrived before it). */
  readonly text: string;
  /** Why the model stopped (`COMPLETE`, `MAX_TOKENS`…), once the answer is `done`. */
  readonly finishReason: ChatSnapshot['finish_reason'];
  /** A message for the user, when the answer `failed`. */
  readonly error: string | undefined;
}

/** The view before any prompt. */
export const IDLE_VIEW: ChatView = { status: 'idle', text: '', finishReason: undefined, error: undefined };

/** The text of an answer: its text blocks joined (thinking blocks left out). */
export function answerText(snapshot: ChatSnapshot): string {
  return snapshot.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join('');
}

/**
 * Turns one answer's snapshots into views: `streaming` at once and with every snapshot, `done`
 * with the finish reason at the end, or `failed` with a message and the text that arrived.
 * Errors end in a `failed` view instead of an error notification, so the `toSignal` fed by it
 * keeps working for the next prompt.
 */
export function toChatView(): OperatorFunction<ChatSnapshot, ChatView> {
  return (snapshots) =>
    defer(() => {
      let text = '';
      return snapshots.pipe(
        map((snapshot): ChatView => {
          text = answerText(snapshot);
          return snapshot.complete
            ? { status: 'done', text, finishReason: snapshot.finish_reason, error: undefined }
            : { status: 'streaming', text, finishReason: undefined, error: undefined };
        }),
        startWith<ChatView>({ ...IDLE_VIEW, status: 'streaming' }),
        catchError((error: unknown) => of<ChatView>({ status: 'failed', text, finishReason: undefined, error: messageFor(error) })),
      );
    });
}

/** What to tell the user about an error. */
function messageFor(error: unknown): string {
  if (error instanceof IncompleteStreamError) return 'The answer was cut off before its end; send the message again for a complete one.';
  if (error instanceof CohereHttpError)
    return `The chat service answered ${error.status}${error.cohereMessage === undefined ? '' : `: ${error.cohereMessage}`}.`;
  return error instanceof Error ? error.message : String(error);
}
