import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as AngularCore from '@angular/core';
import type * as PlatformBrowser from '@angular/platform-browser';
import { build, stop, type Plugin } from 'esbuild';
import type { Observable } from 'rxjs';
import type { ChatSnapshot, V2ChatRequest } from '../../lib/index';

/** The repository's root. */
export const ROOT = join(__dirname, '..', '..');

/** The example's folder. */
export const EXAMPLE_DIR = join(ROOT, 'examples', 'angular');

/** What the tests use of `CohereChatService`. */
export interface ExampleChatService {
  chat(request: Omit<V2ChatRequest, 'stream'>): Observable<ChatSnapshot>;
}

/** What the tests read of the component's `ChatView`. */
export interface ExampleChatView {
  readonly status: 'idle' | 'streaming' | 'done' | 'failed';
  readonly text: string;
  readonly finishReason: string | undefined;
  readonly error: string | undefined;
}

/** What the tests use of `ChatComponent`. */
export interface ExampleChatComponent {
  readonly view: () => ExampleChatView;
  send(prompt: string): void;
}

/** The example's modules and the Angular functions the tests use, from one bundle. */
export interface AngularExample {
  readonly createEnvironmentInjector: typeof AngularCore.createEnvironmentInjector;
  readonly destroyPlatform: typeof AngularCore.destroyPlatform;
  readonly EnvironmentInjector: typeof AngularCore.EnvironmentInjector;
  readonly importProvidersFrom: typeof AngularCore.importProvidersFrom;
  readonly reflectComponentType: typeof AngularCore.reflectComponentType;
  readonly runInInjectionContext: typeof AngularCore.runInInjectionContext;
  readonly BrowserModule: typeof PlatformBrowser.BrowserModule;
  readonly platformBrowser: typeof PlatformBrowser.platformBrowser;
  readonly appConfig: AngularCore.ApplicationConfig;
  readonly COHERE_CHAT_URL: AngularCore.InjectionToken<string>;
  readonly CohereChatService: AngularCore.Type<ExampleChatService>;
  readonly ChatComponent: AngularCore.Type<ExampleChatComponent>;
}

/**
 * The bundle's entry. `@angular/compiler` comes first: the example's decorators are compiled
 * just in time, as in an app built without the Angular CLI's ahead-of-time step.
 */
const ENTRY = `
import '@angular/compiler';
export { createEnvironmentInjector, destroyPlatform, EnvironmentInjector, importProvidersFrom, reflectComponentType, runInInjectionContext } from '@angular/core';
export { BrowserModule, platformBrowser } from '@angular/platform-browser';
export { appConfig } from './examples/angular/app.config';
export { COHERE_CHAT_URL, CohereChatService } from './examples/angular/cohere-chat.service';
export { ChatComponent } from './examples/angular/chat.component';
`;

/**
 * Leaves `cohere-rx` and `rxjs` out of the bundle, as absolute paths, so the bundle loads the
 * very modules the tests load: one rxjs, and the library's own error classes for `instanceof`.
 */
const sharedWithTests: Plugin = {
  name: 'shared-with-tests',
  setup(bundle) {
    bundle.onResolve({ filter: /^cohere-rx$/ }, () => ({ path: join(ROOT, 'lib', 'index.ts'), external: true }));
    bundle.onResolve({ filter: /^rxjs(\/.*)?$/ }, (args) => ({ path: require.resolve(args.path), external: true }));
  },
};

/**
 * Angular ships ES modules only, which Jest's CommonJS runtime cannot `require`. esbuild bundles
 * Angular with the example into one CommonJS file (its decorators compiled as the example's
 * tsconfig says), which the test then `require`s.
 *
 * @returns The bundle's exports, and `dispose()` to destroy Angular's platform and delete the bundle.
 */
export async function loadAngularExample(): Promise<{ example: AngularExample; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cohere-rx-angular-'));
  const outfile = join(dir, 'angular-example.cjs');
  try {
    await build({
      stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'angular-example.ts', loader: 'ts' },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'es2022',
      tsconfig: join(EXAMPLE_DIR, 'tsconfig.json'),
      plugins: [sharedWithTests],
      outfile,
      logLevel: 'silent',
    });
  } finally {
    await stop();
  }
  // The bundle is generated at run time, so only `require` can load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(outfile) as AngularExample;
  const dispose = () => {
    example.destroyPlatform();
    rmSync(dir, { recursive: true, force: true });
  };
  return { example, dispose };
}
