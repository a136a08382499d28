/**
 * cohere-rx, the full pipeline: `chatStream` (`fromCohere('v2/chat')` + `decodeEvents(chatV2)`)
 * and `accumulateChat()`; the text is read from the final `ChatResponse`.
 */
import { lastValueFrom } from 'rxjs';
import { accumulateChat, chatStream, responseText, type ChatV2Event } from '../../lib/index';
import { CHAT_BODY, TOKEN, watchFirstToken, type Consume } from './consumer';

/** Reads the stream with the cohere-rx pipeline; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  const response = await lastValueFrom(
    chatStream(CHAT_BODY, { baseUrl: url, token: TOKEN }).pipe(
      watchFirstToken(onFirstToken, (event: ChatV2Event) => event.type === 'content-delta' && !!event.delta?.message?.content?.text),
      accumulateChat(),
    ),
  );
  return responseText(response);
};
