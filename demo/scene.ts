/**
 * What a scene of the demo is, what it runs on, and how it checks what it got against what was
 * scripted.
 *
 * @module
 */
import { isDeepStrictEqual } from 'node:util';
import { forkJoin, lastValueFrom, pipe, share, tap, toArray, type Observable, type OperatorFunction } from 'rxjs';
import type { AwsStreamOptions } from '../lib/transport/bedrock/index';
import { accumulateChat, textDeltas, type ChatV1Event, type ChatV2Event, type CohereStreamOptions, type FinalChat } from '../lib/index';
import type { MockCohereServer } from '../lib/testing/index';
import type { Terminal } from './terminal';

/** The checks of one scene: each compares a value the pipeline gave with the scripted one. */
export interface Checks {
  /** Records a failure unless `actual` deeply equals `expected`. */
  equal(what: string, actual: unknown, expected: unknown): void;
  /** Records a failure: something happened that no check expected (the pipeline threw). */
  fail(what: string): void;
  /** How many checks ran. */
  readonly count: number;
  /** What failed, one line each. */
  readonly failures: readonly string[];
}

/** What a scene runs on. */
export interface Stage {
  /** The embedded server: the scene queues its scripted reply, then sends the request. */
  readonly server: MockCohereServer;
  /** Where the scene prints. */
  readonly terminal: Terminal;
  /** The scene's checks. */
  readonly checks: Checks;
  /** The transport options that reach the server (`baseUrl`, a dummy `token`, short timeouts). */
  readonly cohere: CohereStreamOptions;
  /** The AWS transports' options (short timeouts); the clients get the server from `awsClientConfig`. */
  readonly aws: AwsStreamOptions;
  /** Milliseconds between the pieces the server writes, so that text visibly streams (scenes may go faster). */
  readonly gapMs: number;
}

/** One scene of the demo: a pipeline run against a scripted answer, printed and checked. */
export interface Scene {
  /** A short name, shown when the scene fails (`chat-live`, `tool-use`…). */
  readonly name: string;
  /** The title printed above the scene. */
  readonly title: string;
  /** The pipeline, as a user would write it. */
  readonly pipeline: string;
  /** Sends the request, prints what streams back, and checks it. */
  run(stage: Stage): Promise<void>;
}

/** A value as a short line of JSON, for a failure message. */
function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/**
 * Makes an empty set of checks.
 *
 * @example
 * ```ts
 * const checks = createChecks();
 * checks.equal('finish reason', 'COMPLETE', 'COMPLETE');
 * console.log(checks.count, checks.failures); // 1 []
 * ```
 *
 * @returns The checks.
 */
export function createChecks(): Checks {
  const failures: string[] = [];
  let count = 0;
  return {
    equal: (what, actual, expected) => {
      count++;
      if (!isDeepStrictEqual(actual, expected)) failures.push(`${what}: expected ${shown(expected)}, got ${shown(actual)}`);
    },
    fail: (what) => {
      count++;
      failures.push(what);
    },
    get count() {
      return count;
    },
    failures,
  };
}

/**
 * Subscribes once to a stream of events and runs two pipelines on it: `live` as the events
 * arrive (printing as it goes), and `final`, which assembles the final value.
 *
 * @example
 * ```ts
 * const { final, live } = await finalAndLive(chatStream(body), accumulateChat(), textDeltas());
 * ```
 *
 * @param events The events (one request, shared by both pipelines).
 * @param final The pipeline to the final value.
 * @param live The pipeline run alongside; its values are collected.
 * @returns The final value, and every value `live` emitted.
 * @throws The stream's error (as a rejection), as `final` reports it.
 */
export async function finalAndLive<E, R, L>(
  events: Observable<E>,
  final: OperatorFunction<E, R>,
  live: OperatorFunction<E, L>,
): Promise<{ readonly final: R; readonly live: readonly L[] }> {
  const shared = events.pipe(share());
  // `final` subscribes first, so that a failed stream rejects with the error it reports.
  const [value, values] = await lastValueFrom(forkJoin([shared.pipe(final), shared.pipe(live, toArray())]));
  return { final: value, live: values };
}

/**
 * A chat whose text is printed as it streams, and assembled by `accumulateChat()`.
 *
 * @param events The chat's events (one request).
 * @param terminal Where the text flows.
 * @returns The final `ChatResponse` or `Chat`, and the pieces of text as they arrived.
 * @throws The stream's error (as a rejection), as `accumulateChat()` reports it.
 */
export function chatShownLive<E extends ChatV2Event | ChatV1Event>(
  events: Observable<E>,
  terminal: Terminal,
): Promise<{ readonly final: FinalChat<E>; readonly live: readonly string[] }> {
  return finalAndLive(
    events,
    accumulateChat<E>(),
    pipe(
      textDeltas(),
      tap((piece) => terminal.flow(piece)),
    ),
  );
}
