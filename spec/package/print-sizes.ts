/**
 * `npm run size`: prints the minified and minified + gzipped sizes of the root entry bundled for
 * browsers, without and with its peers rxjs and zod. Needs `dist/` (`npm run build`).
 */
import { bundleForBrowser, kib, PEERS } from './browser-bundle';

async function main(): Promise<void> {
  const rows = [
    [`cohere-rx (${PEERS.join(' and ')} external)`, await bundleForBrowser(PEERS)],
    [`cohere-rx with ${PEERS.join(' and ')}`, await bundleForBrowser([])],
  ] as const;
  console.log('| root entry, esbuild --bundle --minify --platform=browser | minified | minified + gzip |');
  console.log('| --- | --- | --- |');
  for (const [name, bundle] of rows) console.log(`| ${name} | ${kib(bundle.bytes)} | ${kib(bundle.gzipBytes)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
