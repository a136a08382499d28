/**
 * Angular's real `HttpClient` on `FetchBackend`, for the specs of cohere-rx/angular in Node: an
 * application injector as `bootstrapApplication` builds it for `provideHttpClient(withFetch())`,
 * without a DOM.
 *
 * Angular ships ES modules only, partially compiled, which Jest's CommonJS runtime cannot
 * `require`: esbuild bundles the parts the specs use into one CommonJS file, with
 * `@angular/compiler` first (its decorators compiled just in time) and rxjs left out, so the
 * bundle uses the very rxjs the specs and the library use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as AngularHttp from '@angular/common/http';
import type * as AngularCore from '@angular/core';
import type * as PlatformBrowser from '@angular/platform-browser';
import { build, stop, type Plugin } from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

/** What the bundle exports. */
export interface AngularHttpKit {
  readonly createEnvironmentInjector: typeof AngularCore.createEnvironmentInjector;
  readonly destroyPlatform: typeof AngularCore.destroyPlatform;
  readonly EnvironmentInjector: typeof AngularCore.EnvironmentInjector;
  readonly importProvidersFrom: typeof AngularCore.importProvidersFrom;
  readonly provideZonelessChangeDetection: typeof AngularCore.provideZonelessChangeDetection;
  readonly HttpClient: typeof AngularHttp.HttpClient;
  readonly provideHttpClient: typeof AngularHttp.provideHttpClient;
  readonly withFetch: typeof AngularHttp.withFetch;
  readonly withInterceptors: typeof AngularHttp.withInterceptors;
  readonly BrowserModule: typeof PlatformBrowser.BrowserModule;
  readonly platformBrowser: typeof PlatformBrowser.platformBrowser;
}

const ENTRY = `
import '@angular/compiler';
export { createEnvironmentInjector, destroyPlatform, EnvironmentInjector, importProvidersFrom, provideZonelessChangeDetection } from '@angular/core';
export { HttpClient, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
export { BrowserModule, platformBrowser } from '@angular/platform-browser';
`;

/** Leaves rxjs out of the bundle, as the absolute path of the copy the specs load. */
const sharedRxjs: Plugin = {
  name: 'shared-rxjs',
  setup(bundle) {
    bundle.onResolve({ filter: /^rxjs(\/.*)?$/ }, (args) => ({ path: require.resolve(args.path), external: true }));
  },
};

/**
 * Bundles and loads Angular's HTTP client.
 *
 * @returns The kit, and `dispose()` to destroy Angular's platform and delete the bundle.
 */
export async function loadAngularHttp(): Promise<{ kit: AngularHttpKit; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cohere-rx-angular-http-'));
  const outfile = join(dir, 'angular-http.cjs');
  try {
    await build({
      stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'angular-http.ts', loader: 'ts' },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'es2022',
      plugins: [sharedRxjs],
      outfile,
      logLevel: 'silent',
    });
  } finally {
    await stop();
  }
  // The bundle is generated at run time, so only `require` can load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kit = require(outfile) as AngularHttpKit;
  return {
    kit,
    dispose: () => {
      kit.destroyPlatform();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An application injector with `HttpClient` on `fetch` (zoneless, as Angular 21 apps are), and
 * its `HttpClient`.
 *
 * @param kit The loaded bundle.
 * @param interceptors Functional interceptors for `withInterceptors`.
 * @returns The client, and `destroy()` for the injector (which aborts what it still streams).
 */
export function httpClientOf(kit: AngularHttpKit, interceptors: AngularHttp.HttpInterceptorFn[] = []): { http: AngularHttp.HttpClient; destroy: () => void } {
  const platform = kit.platformBrowser().injector;
  if (!(platform instanceof kit.EnvironmentInjector)) throw new Error("the platform's injector is not an EnvironmentInjector");
  const injector = kit.createEnvironmentInjector(
    [
      kit.importProvidersFrom(kit.BrowserModule),
      kit.provideZonelessChangeDetection(),
      kit.provideHttpClient(kit.withFetch(), kit.withInterceptors(interceptors)),
    ],
    platform,
  );
  return { http: injector.get(kit.HttpClient), destroy: () => injector.destroy() };
}

/** The Angular HTTP client of one spec file: the bundle loaded once, a fresh injector per test. */
export interface AngularHttpBed {
  /** The test's `HttpClient`. */
  readonly http: AngularHttp.HttpClient;
  /** Another client with these interceptors, destroyed after the test. */
  withInterceptors(interceptors: AngularHttp.HttpInterceptorFn[]): AngularHttp.HttpClient;
}

/** Loads Angular's HTTP client for the enclosing spec file and gives each test its own injector. */
export function useAngularHttp(): AngularHttpBed {
  let kit: AngularHttpKit | undefined;
  let dispose = (): void => undefined;
  let current: { http: AngularHttp.HttpClient; destroy: () => void } | undefined;
  const extra: (() => void)[] = [];
  const loaded = (): AngularHttpKit => {
    if (kit === undefined) throw new Error('Angular is used before beforeAll loaded it');
    return kit;
  };
  beforeAll(async () => {
    ({ kit, dispose } = await loadAngularHttp());
  }, 60_000);
  afterAll(() => dispose());
  beforeEach(() => {
    current = httpClientOf(loaded());
  });
  afterEach(() => {
    current?.destroy();
    for (const destroy of extra.splice(0)) destroy();
  });
  return {
    get http() {
      if (current === undefined) throw new Error('the HttpClient is used outside a test');
      return current.http;
    },
    withInterceptors(interceptors) {
      const { http, destroy } = httpClientOf(loaded(), interceptors);
      extra.push(destroy);
      return http;
    },
  };
}
