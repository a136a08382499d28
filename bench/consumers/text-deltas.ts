/** cohere-rx, text only: `chatStream` and `textDeltas()`, the pieces concatenated by the subscriber. */
import { chatStream, textDeltas } from '../../lib/index';
import { CHAT_BODY, TOKEN, type Consume } from './consumer';

/** Reads the stream with the cohere-rx pipeline; see {@link Consume}. */
export const consume: Consume = (url, onFirstToken) =>
  new Promise((resolve, reject) => {
    let text = '';
    chatStream(CHAT_BODY, { baseUrl: url, token: TOKEN })
      .pipe(textDeltas())
      .subscribe({
        next: (piece) => {
          if (text === '') onFirstToken?.();
          text += piece;
        },
        error: reject,
        complete: () => resolve(text),
      });
  });
