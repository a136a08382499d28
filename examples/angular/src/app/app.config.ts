import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideBrowserGlobalErrorListeners, type ApplicationConfig } from '@angular/core';

/**
 * The app's providers: `HttpClient` on `fetch`, whose download progress carries the body's text
 * as it arrives (what cohere-rx/angular reads). Angular 21 apps are zoneless: signals drive the
 * view.
 */
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideHttpClient(withFetch())],
};
