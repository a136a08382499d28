/**
 * The mock server's static files: a folder served to `GET` and `HEAD` on the same origin as the
 * API, for a browser app under test (its `index.html`, scripts and styles).
 *
 * @module
 */
import { InvalidOptionError } from '../errors/options';
import type { MockReply, RecordedRequest } from './mock-exchange';

/** The content type of each file extension served; others are `application/octet-stream`. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Answers the requests for the files of a folder; `serve` says whether it answered. */
export interface StaticFiles {
  serve(reply: MockReply, request: RecordedRequest): boolean;
}

/**
 * The files of `root`: a `GET` or `HEAD` whose path (decoded, without the query) names a file
 * inside `root`, or a folder with an `index.html`, is answered with it (status 200, its content
 * type, `cache-control: no-store`). Paths that leave `root` (`..`) are not served.
 *
 * @internal
 * @throws InvalidOptionError when `root` is not a folder.
 */
export function staticFiles(root: string): StaticFiles {
  const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
  const path = process.getBuiltinModule('node:path');
  const base = path.resolve(root);
  if (statSync(base, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new InvalidOptionError({ option: 'staticRoot', expected: 'the path of an existing folder', received: JSON.stringify(root) });
  }
  /** The file a path names, if it is one inside the folder. */
  const fileAt = (urlPath: string): string | undefined => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
    } catch {
      return undefined;
    }
    const target = path.resolve(base, `.${decoded}`);
    if (target !== base && !target.startsWith(base + path.sep)) return undefined;
    const found = statSync(target, { throwIfNoEntry: false });
    if (found?.isFile() === true) return target;
    const index = path.join(target, 'index.html');
    return found?.isDirectory() === true && statSync(index, { throwIfNoEntry: false })?.isFile() === true ? index : undefined;
  };
  return {
    serve: (reply, request) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const file = fileAt(request.path);
      if (file === undefined) return false;
      const body = readFileSync(file);
      reply.head(200, {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(body.byteLength),
        'cache-control': 'no-store',
      });
      reply.end(request.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
