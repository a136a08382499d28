/**
 * Chromium for the browser specs: Debian's package (`apt-get install -y chromium`, which
 * `.ci/run` does when it is missing), driven by playwright-core. Where no Chromium is installed
 * the specs are skipped with a notice, except in CI (`CI=true`), where they fail: CI installs it,
 * unless `.ci/run` could not (it then sets `CHROMIUM_UNAVAILABLE` to the reason, and the specs are
 * skipped with that notice).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is looked for: `CHROMIUM_PATH` alone when it is set, else Debian's and other distributions' paths. */
const CANDIDATES = process.env['CHROMIUM_PATH'] ? [process.env['CHROMIUM_PATH']] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** The Chromium executable, if one is installed. */
export const CHROMIUM: string | undefined = CANDIDATES.find((path) => existsSync(path));

/** Why Chromium could not be installed, when `.ci/run` tried and failed. */
const UNAVAILABLE = process.env['CHROMIUM_UNAVAILABLE'];

/** Whether the run is CI's, where Chromium must be there (unless it could not be installed). */
const IN_CI = (process.env['CI'] === 'true' || process.env['CI'] === '1') && UNAVAILABLE === undefined;

/**
 * `describe` for specs that need Chromium: run when it is installed; otherwise skipped with a
 * notice, or, in CI, one failing test that says what is missing.
 */
export function describeInChromium(name: string, specs: () => void): void {
  if (CHROMIUM !== undefined) {
    describe(name, specs);
  } else if (IN_CI) {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`Chromium is not installed (looked for ${CANDIDATES.join(', ')}): .ci/run installs it with apt-get.`);
      });
    });
  } else {
    // Straight to stderr: Jest drops the console output of a file whose tests are all skipped.
    process.stderr.write(
      `\nSKIPPED: "${name}" needs Chromium, not found at ${CANDIDATES.join(', ')}${UNAVAILABLE === undefined ? '' : ` (${UNAVAILABLE})`}. ` +
        'Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).\n',
    );
    describe.skip(name, specs);
  }
}

/** Flags for a headless Chromium that talks to nothing but the pages it is sent to. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the installed Chromium, headless, with a fresh profile. */
export function launchChromium(): Promise<Browser> {
  if (CHROMIUM === undefined) throw new Error('Chromium is not installed');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
