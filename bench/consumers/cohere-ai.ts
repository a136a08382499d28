/** The official SDK, cohere-ai: `new CohereClientV2({ token, baseUrl })` and `for await` over `chatStream()`. */
import { CohereClientV2 } from 'cohere-ai';
import { CHAT_BODY, TOKEN, type Consume } from './consumer';

/** Reads the stream with the official SDK; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  const client = new CohereClientV2({ token: TOKEN, baseUrl: url });
  let first = onFirstToken;
  let text = '';
  for await (const event of await client.chatStream(CHAT_BODY)) {
    if (event.type !== 'content-delta') continue;
    const piece = event.delta?.message?.content?.text ?? '';
    if (first !== undefined && piece !== '') {
      first();
      first = undefined;
    }
    text += piece;
  }
  return text;
};
