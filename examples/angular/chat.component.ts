import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Subject, switchMap } from 'rxjs';
import { IDLE_VIEW, toChatView } from './chat-view';
import { CohereChatService } from './cohere-chat.service';

/** The model the component asks for (the backend may enforce its own). */
export const CHAT_MODEL = 'command-a-03-2025';

/**
 * A prompt box and the answer as it streams in: its text, the finish reason when it is done,
 * and the error when it fails.
 *
 * Each prompt goes through {@link CohereChatService} into one `toSignal` signal. A new prompt
 * cancels the answer still streaming (`switchMap`), and destroying the component cancels the
 * last one (`toSignal` unsubscribes when its injector is destroyed): both abort the request.
 *
 * @example
 * ```ts
 * import { bootstrapApplication } from '@angular/platform-browser';
 * import { appConfig } from './app.config';
 * import { ChatComponent } from './chat.component';
 *
 * bootstrapApplication(ChatComponent, appConfig).catch((error: unknown) => console.error(error));
 * ```
 */
@Component({
  selector: 'app-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (submit)="send(prompt.value); $event.preventDefault()">
      <input #prompt aria-label="Message" placeholder="Ask Command A" />
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
  `,
})
export class ChatComponent {
  readonly #chat = inject(CohereChatService);
  readonly #prompts = new Subject<string>();

  /** The current answer, as a signal for the template. */
  readonly view = toSignal(
    this.#prompts.pipe(switchMap((prompt) => this.#chat.chat({ model: CHAT_MODEL, messages: [{ role: 'user', content: prompt }] }).pipe(toChatView()))),
    { initialValue: IDLE_VIEW },
  );

  /**
   * Asks the model; an answer still streaming is cancelled.
   *
   * @param prompt The user's message (blank ones are ignored).
   */
  send(prompt: string): void {
    if (prompt.trim() !== '') this.#prompts.next(prompt);
  }
}
