/**
 * What `fromCohere` does with a redirect: by default, nothing but a `RedirectError`; on request,
 * follow those that stay on the origin of `baseUrl`, re-sending the same `POST`.
 *
 * @module
 */
import { choiceOption } from '../errors/options';
import { MAX_REDIRECTS, RedirectError, type RedirectReason } from '../errors/http';
import type { Answer } from './answer';

/**
 * What `fromCohere` does when the server answers with a redirect (301, 302, 303, 307, 308):
 *
 * - `'error'` (the default): nothing is followed; the stream fails with a `RedirectError`
 *   naming the status and the `Location`.
 * - `'follow-same-origin'`: a 301, 302, 307 or 308 whose target has the origin of `baseUrl`
 *   (the same scheme, host and port) is followed with the same `POST`, body and headers, up to
 *   `MAX_REDIRECTS` (5) in a row. A redirect to another origin, a 303 (which asks for a `GET`)
 *   and a redirect a browser hides are still a `RedirectError`: the prompt and the credentials
 *   never leave the origin they were given for.
 */
export type RedirectPolicy = 'error' | 'follow-same-origin';

const POLICIES: readonly RedirectPolicy[] = ['error', 'follow-same-origin'];

/** The statuses `fetch` follows. */
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * The `redirects` option, checked: `'error'` when it is not given.
 *
 * @throws `InvalidOptionError` for anything else.
 * @internal
 */
export function redirectPolicyOf(value: unknown): RedirectPolicy {
  return choiceOption('redirects', value, POLICIES, 'error');
}

/**
 * Whether an answer is a redirect: a redirect status (Node's `fetch` with `redirect: 'manual'`
 * returns the answer itself) or an `opaqueredirect` response (a browser's, status 0).
 *
 * @internal
 */
export function isRedirect(response: Answer): boolean {
  return response.opaqueRedirect || REDIRECT_STATUSES.has(response.status);
}

/** Where a redirect came from, and what may be followed. */
export interface RedirectContext {
  readonly endpoint: string;
  /** The URL that answered with the redirect. */
  readonly from: string;
  /** The URL first asked: its origin is the only one a redirect may lead to. */
  readonly first: string;
  readonly policy: RedirectPolicy;
  /** How many redirects this one makes, counting it. */
  readonly hops: number;
}

/**
 * The URL a redirect leads to, when the policy follows it.
 *
 * @throws {@link RedirectError} when it does not.
 * @internal
 */
export function redirectTarget(response: Answer, context: RedirectContext): string {
  const location = response.headers.get('location') ?? undefined;
  const fail = (reason: RedirectReason) => new RedirectError({ endpoint: context.endpoint, status: response.status, location, reason });
  if (context.policy === 'error') throw fail('not-followed');
  if (response.opaqueRedirect || location === undefined) throw fail('no-target');
  if (response.status === 303) throw fail('changes-method');
  let target: URL;
  try {
    target = new URL(location, context.from);
  } catch {
    throw fail('no-target');
  }
  if (target.origin !== new URL(context.first).origin) throw fail('cross-origin');
  if (context.hops > MAX_REDIRECTS) throw fail('too-many');
  return target.href;
}
