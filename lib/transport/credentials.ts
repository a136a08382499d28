/**
 * The credentials of a request to api.cohere.com (the API key and credential-like headers), and
 * the redactor that keeps them out of every error of its stream.
 *
 * @module
 * @internal
 */
import { createRedactor, type Redactor } from '../errors/redaction';

/** What the credentials of a request are read from. */
export interface CredentialOptions {
  readonly token?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** The key from `CO_API_KEY` or `COHERE_API_KEY`, where there is a `process` (not in browsers). */
export function environmentToken(): string | undefined {
  if (typeof process === 'undefined') return undefined;
  const env = process.env;
  return env['CO_API_KEY'] || env['COHERE_API_KEY'] || undefined;
}

/** The API key a request sends: the `token` option, else `CO_API_KEY`, else `COHERE_API_KEY`. */
export function tokenOf(options: CredentialOptions): string | undefined {
  return options.token ?? environmentToken();
}

/**
 * Whether a header carries a credential: `Authorization`, `Proxy-Authorization`, `Cookie`,
 * `Set-Cookie`, and any header whose name speaks of a key, a token, a secret, a session, a
 * password or authentication (`X-Api-Key`, `Api-Key`, `X-Auth-Token`).
 */
export function isCredentialHeader(name: string): boolean {
  return /^(?:proxy-)?authorization$|cookie|key|token|secret|auth|session|password|credential/i.test(name);
}

/**
 * The headers of an answer as the library shows them (to `onResponse`, in a cassette): names in
 * lower case, the credential-like ones left out, the others' values redacted.
 */
export function answerHeaders(headers: Iterable<readonly [string, string]>, redactor: Redactor): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (!isCredentialHeader(lower)) shown[lower] = redactor.text(value);
  }
  return shown;
}

/** The secrets a header value holds: all of it, the part after an auth scheme (`Bearer …`), and each cookie's value. */
function secretsOfHeader(name: string, value: string): string[] {
  const secrets = [value];
  const scheme = /^[\w-]+\s+(\S.*)$/.exec(value);
  if (scheme?.[1] !== undefined) secrets.push(scheme[1]);
  if (/cookie/i.test(name)) for (const pair of value.split(';')) secrets.push(pair.slice(pair.indexOf('=') + 1).trim());
  return secrets;
}

/**
 * The redactor of a request: its API key (the `token` option or the environment's) and the
 * values of the credential-like headers in `headers`.
 */
export function requestRedactor(options: CredentialOptions): Redactor {
  const secrets: (string | undefined)[] = [tokenOf(options)];
  for (const [name, value] of Object.entries(options.headers ?? {})) if (isCredentialHeader(name)) secrets.push(...secretsOfHeader(name, value));
  return createRedactor(secrets);
}
