/**
 * cohere-rx, the full pipeline with `tapMetrics()`: accumulate-chat with the metrics tap between
 * the transport and `accumulateChat()`, so that the two show what the tap costs per event.
 */
import { lastValueFrom } from 'rxjs';
import { accumulateChat, chatStream, responseText, tapMetrics, type ChatV2Event, type StreamMetrics } from '../../lib/index';
import { CHAT_BODY, TOKEN, watchFirstToken, type Consume } from './consumer';

/** Reads the stream with the cohere-rx pipeline and its metrics; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  let metrics: StreamMetrics | undefined;
  const response = await lastValueFrom(
    chatStream(CHAT_BODY, { baseUrl: url, token: TOKEN }).pipe(
      tapMetrics((reported) => (metrics = reported)),
      watchFirstToken(onFirstToken, (event: ChatV2Event) => event.type === 'content-delta' && !!event.delta?.message?.content?.text),
      accumulateChat(),
    ),
  );
  if (metrics?.outcome !== 'complete') throw new Error(`tapMetrics reported ${metrics?.outcome ?? 'nothing'}`);
  return responseText(response);
};
