import { filter, map, type OperatorFunction } from 'rxjs';
import { completeStream } from '../lib/accumulate/complete-stream';
import type { UnknownEvent } from '../lib/decoding/decoder';
import { chatV1, chatV2, generate } from '../lib/decoding/protocols';
import { EOS_TOKEN, type GenerateEvent } from '../lib/decoding/schemas/generate-events';
import type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event, ChatV2EventOf } from '../lib/decoding/schemas/v2-chat-events';

/**
 * Just the answer text, piece by piece: the common case of printing or rendering a reply.
 *
 * <span class="informal">Chat or generate events in, the text of each text delta out; thinking,
 * tool plans, tool arguments and everything else left out.</span>
 *
 * ```text
 * source:  -s-b-t-d-d-d-e-|
 * > textDeltas()
 * result:  -------A---B---|
 *
 * s: message-start   b: content-start 1 (text)   t: content-start 0 (thinking)
 * d: content-delta ('Hel', then '', then 'lo')   e: message-end
 * A: 'Hel'   B: 'lo'
 * ```
 *
 * 1. V2 chat: the `text` of each `content-delta` (thinking blocks carry `thinking`, not `text`,
 *    and are left out). V1 chat and generate: the `text` of each `text-generation` event.
 *    Empty pieces and generate's `<EOS_TOKEN>` marker are not emitted.
 * 2. With `num_generations` above 1, the pieces of every generation interleave: use
 *    {@link groupGenerationsByIndex} to keep them apart.
 * 3. Completes when the source does, provided the terminal event (`message-end`, `stream-end`,
 *    or an event with `is_finished: true`) arrived: a source that completes without it errors
 *    with {@link IncompleteStreamError}, whose `partial` is the text emitted so far, so a cut
 *    stream never looks like a finished answer; so does a source that fails after events
 *    arrived (a {@link StreamInterruptedError} such as a dropped connection or a stall, or a
 *    `DecodeError` or `SchemaError` for a frame cut short, malformed or of the wrong shape),
 *    with that error as `cause`. A cut after the
 *    terminal event completes the output. Unknown events are skipped; events after the terminal
 *    event are not checked (their text is emitted; {@link accumulateChat} reports them).
 *
 * ## Example
 *
 * ```ts
 * import { chatStream, textDeltas } from 'cohere-rx';
 *
 * chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] })
 *   .pipe(textDeltas())
 *   .subscribe({ next: (piece) => process.stdout.write(piece), error: (e) => console.error(e) });
 * ```
 *
 * @returns An operator from chat or generate events to text pieces.
 * @throws {@link IncompleteStreamError} as an error notification when the terminal event never arrived.
 */
export function textDeltas(): OperatorFunction<ChatV2Event | ChatV1Event | GenerateEvent | UnknownEvent, string> {
  return completeStream<ChatV2Event | ChatV1Event | GenerateEvent, string, string>([chatV2, chatV1, generate], (events, progress) => {
    const shown = new ShownText();
    return {
      output: events.pipe(
        map((event) => {
          if (progress.restartedNow && shown.any) throw progress.restarted(shown.text);
          return pieceOf(event);
        }),
        filter((piece) => shown.show(piece)),
      ),
      partial: () => shown.text,
    };
  });
}

/** The answer text an event carries: a V2 `content-delta`'s `text`, a `text-generation`'s `text` (not `<EOS_TOKEN>`), else `''`. */
function pieceOf(event: ChatV2Event | ChatV1Event | GenerateEvent): string {
  const record = event as { type?: unknown; event_type?: unknown; text?: unknown };
  if (record.type === 'content-delta') return (event as ChatV2EventOf<'content-delta'>).delta?.message?.content?.text ?? '';
  return record.event_type === 'text-generation' && typeof record.text === 'string' && record.text !== EOS_TOKEN ? record.text : '';
}

/**
 * The text one subscription has emitted: kept as pieces and joined only for an error, since a
 * running `text += piece` would build a second string as long as the consumer's own.
 */
class ShownText {
  readonly #pieces: string[] = [];

  /** Records a piece about to be emitted; `false` for an empty one, which is not emitted. */
  show(piece: string): boolean {
    if (piece === '') return false;
    this.#pieces.push(piece);
    return true;
  }

  /** Whether any text was emitted. */
  get any(): boolean {
    return this.#pieces.length > 0;
  }

  /** The text emitted so far. */
  get text(): string {
    return this.#pieces.join('');
  }
}
