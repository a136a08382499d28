/**
 * cohere-rx/angular: Cohere streams through Angular's `HttpClient`, for browser apps that post
 * to their own backend route (which adds the API key). Plain functions, no decorators: the app
 * passes its `HttpClient`, provided with `provideHttpClient(withFetch())`. `@angular/common` and
 * `@angular/core` (16.1 or later) are optional peer dependencies, needed only by this entry
 * point, for their types: it loads no Angular code of its own.
 *
 * ```ts
 * import { HttpClient } from '@angular/common/http';
 * import { Component, inject } from '@angular/core';
 * import { toSignal } from '@angular/core/rxjs-interop';
 * import { Subject, switchMap } from 'rxjs';
 * import { chatSnapshots, emptyChatSnapshot } from 'cohere-rx';
 * import { httpClientChatStream } from 'cohere-rx/angular';
 *
 * @Component({ selector: 'app-chat', template: '<p>{{ answer().message.content[0]?.type }}</p>' })
 * export class ChatComponent {
 *   readonly #http = inject(HttpClient);
 *   readonly #prompts = new Subject<string>();
 *   // A new prompt aborts the answer still streaming; destroying the component aborts the last one.
 *   readonly answer = toSignal(
 *     this.#prompts.pipe(
 *       switchMap((content) =>
 *         httpClientChatStream(this.#http, '/api/chat', { model: 'command-a-03-2025', messages: [{ role: 'user', content }] }).pipe(chatSnapshots()),
 *       ),
 *     ),
 *     { initialValue: emptyChatSnapshot },
 *   );
 *   ask(prompt: string): void {
 *     this.#prompts.next(prompt);
 *   }
 * }
 * ```
 *
 * @module cohere-rx/angular
 */
export { fromHttpClient, type HttpClientStreamOptions } from './from-http-client';
export { httpClientChatStream, type HttpClientChatOptions } from './http-client-chat-stream';
export type { CohereRequestBodies } from '../endpoints';
export type { UnknownFields } from '../../requests/unknown-fields';
// The request bodies the signatures name, with their schemas (the same objects as cohere-rx's).
export * from '../../requests/v2-chat-request';
export * from '../../requests/v1-chat-request';
export { GenerateRequest } from '../../requests/generate-request';
export { JsonObject } from '../../decoding/schemas/shared';
export { Citation, ToolCallV2 } from '../../decoding/schemas/v2-chat-events';
export type { DecodeOptions } from '../../decoding/decoder';
export type { FramingOptions } from '../../framing/frame-limits';
export type { ChatV2Event } from '../../decoding/schemas/v2-chat-events';
