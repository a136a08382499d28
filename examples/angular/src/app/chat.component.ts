import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { chatSnapshots } from 'cohere-rx';
import { httpClientChatStream } from 'cohere-rx/angular';
import { Subject, switchMap } from 'rxjs';
import { IDLE_VIEW, toChatView } from './chat-view';

/** Your backend's chat route: it adds the API key and streams Cohere's answer back unchanged. */
export const CHAT_URL = '/api/chat';

/** The model asked for (the backend may enforce its own). */
export const CHAT_MODEL = 'command-a-03-2025';

/**
 * A prompt box and the answer as it streams in: its text, the finish reason when it is done,
 * and the error when it fails. A new prompt aborts the answer still streaming (`switchMap`);
 * destroying the component aborts the last one (`toSignal` unsubscribes).
 */
@Component({
  selector: 'app-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>Cohere chat</h1>
      <form (submit)="send(prompt.value); $event.preventDefault()">
        <input #prompt name="prompt" aria-label="Message" placeholder="Ask Command A" autocomplete="off" />
        <button type="submit">Send</button>
      </form>
      <p class="answer" aria-live="polite">{{ view().text }}</p>
      @if (view().status === 'streaming') {
        <p class="status">Streaming…</p>
      }
      @if (view().finishReason; as reason) {
        <p class="finish">Finished: {{ reason }}</p>
      }
      @if (view().error; as error) {
        <p class="error" role="alert">{{ error }}</p>
      }
    </main>
  `,
})
export class ChatComponent {
  readonly #http = inject(HttpClient);
  readonly #prompts = new Subject<string>();

  /** The current answer, as a signal for the template. */
  readonly view = toSignal(
    this.#prompts.pipe(
      switchMap((content) =>
        httpClientChatStream(this.#http, CHAT_URL, { model: CHAT_MODEL, messages: [{ role: 'user', content }] }).pipe(chatSnapshots(), toChatView()),
      ),
    ),
    { initialValue: IDLE_VIEW },
  );

  /** Asks the model; an answer still streaming is aborted. Blank prompts are ignored. */
  send(prompt: string): void {
    if (prompt.trim() !== '') this.#prompts.next(prompt);
  }
}
