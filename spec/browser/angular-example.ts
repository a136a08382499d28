/**
 * The Angular example (`examples/angular/`) as a user builds it: cohere-rx packed with
 * `npm pack`, installed from that tarball with `npm ci` (the example's lockfile pins Angular 21
 * and the Angular CLI), and built with `ng build` in its production configuration (AOT).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { childEnv, packPackage, ROOT } from '../package/packed-package';

/** The example's folder. */
export const EXAMPLE_DIR = join(ROOT, 'examples', 'angular');

/** Where `ng build` puts the app's files. */
export const EXAMPLE_DIST = join(EXAMPLE_DIR, 'dist', 'cohere-chat', 'browser');

/** Runs a command in the example's folder; its output is in the error when it fails. */
async function run(command: string, args: readonly string[]): Promise<void> {
  try {
    await promisify(execFile)(command, args, {
      cwd: EXAMPLE_DIR,
      env: { ...childEnv(), NG_CLI_ANALYTICS: 'false' },
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in examples/angular:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/**
 * Packs cohere-rx into `examples/angular/cohere-rx.tgz`, installs the example and builds it.
 *
 * @returns The folder of the built app (its `index.html` and scripts).
 */
export async function buildAngularExample(): Promise<string> {
  const packed = packPackage();
  try {
    copyFileSync(packed.tarball, join(EXAMPLE_DIR, 'cohere-rx.tgz'));
  } finally {
    packed.remove();
  }
  await run('npm', ['ci', '--no-audit', '--no-fund']);
  await run(process.execPath, [join('node_modules', '@angular', 'cli', 'bin', 'ng.js'), 'build', '--configuration', 'production']);
  if (!existsSync(join(EXAMPLE_DIST, 'index.html'))) throw new Error(`ng build wrote no ${join(EXAMPLE_DIST, 'index.html')}`);
  return EXAMPLE_DIST;
}
