/**
 * cohere-rx with the value as it grows: `chatStream` and `chatSnapshots()`, one snapshot per
 * event; the text is read from the last snapshot.
 */
import { lastValueFrom } from 'rxjs';
import { chatSnapshots, chatStream, responseText, type ChatSnapshot } from '../../lib/index';
import { CHAT_BODY, TOKEN, watchFirstToken, type Consume } from './consumer';

/** The text blocks of a snapshot, joined. */
const textOf = (snapshot: ChatSnapshot) => responseText(snapshot);

/** Reads the stream with the cohere-rx pipeline; see {@link Consume}. */
export const consume: Consume = async (url, onFirstToken) => {
  const snapshot = await lastValueFrom(
    chatStream(CHAT_BODY, { baseUrl: url, token: TOKEN }).pipe(
      chatSnapshots(),
      watchFirstToken(onFirstToken, (value: ChatSnapshot) => textOf(value) !== ''),
    ),
  );
  return textOf(snapshot);
};
