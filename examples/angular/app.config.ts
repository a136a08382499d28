import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideZonelessChangeDetection, type ApplicationConfig } from '@angular/core';
import { COHERE_CHAT_URL } from './cohere-chat.service';

/**
 * The example's providers: `HttpClient` on `fetch` (whose download progress carries the body's
 * text as it arrives), zoneless change detection (signals drive the view), and the backend route
 * that proxies Cohere.
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
export const appConfig: ApplicationConfig = {
  providers: [provideZonelessChangeDetection(), provideHttpClient(withFetch()), { provide: COHERE_CHAT_URL, useValue: '/api/chat' }],
};
