/**
 * The loopback AWS servers of the benchmark: Bedrock Runtime over cleartext HTTP/2 (what its
 * client speaks by default) and SageMaker Runtime over HTTP/1.1 (likewise), each answering with
 * an event stream of Command R V1 chat events rendered once per size and written in 16 KiB
 * slices.
 */
import { createServer as createHttp1Server } from 'node:http';
import { createServer as createHttp2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo, Server } from 'node:net';
import { bedrockBody, sagemakerBody } from './bodies';
import { writeSlices } from './slices';

/** The running servers. */
export interface AwsServers {
  /**
   * Renders the Bedrock stream (once) and returns what a consumer reads: the endpoint with the
   * model id `bench-<events>` as its path.
   *
   * @param events How many text deltas.
   */
  bedrockUrl(events: number): string;
  /**
   * Renders the SageMaker stream (once) and returns what a consumer reads: the endpoint with the
   * endpoint name `bench-<events>` as its path.
   *
   * @param events How many text deltas.
   */
  sagemakerUrl(events: number): string;
  /**
   * The length of a body rendered by `bedrockUrl` or `sagemakerUrl`.
   *
   * @param url What `bedrockUrl` or `sagemakerUrl` returned.
   * @returns The length, in bytes.
   */
  bodyBytes(url: string): number;
  /** Closes both servers and every connection. */
  close(): Promise<void>;
}

/** The event count a `bench-<events>` name asks for. */
const eventsOf = (path: string, pattern: RegExp) => pattern.exec(path)?.[1];

const EVENT_STREAM = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'bench' };

/** Listens on 127.0.0.1, on an ephemeral port. */
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * Starts both servers: Bedrock answers `POST /model/bench-<events>/invoke-with-response-stream`,
 * SageMaker `POST /endpoints/bench-<events>/invocations-response-stream`.
 *
 * @returns The running servers.
 */
export async function startAwsServers(): Promise<AwsServers> {
  const bedrockBodies = new Map<string, Buffer>();
  const sagemakerBodies = new Map<string, Buffer>();

  const bedrock = createHttp2Server();
  const sessions = new Set<ServerHttp2Session>();
  bedrock.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  bedrock.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    stream.resume();
    stream.on('end', () => {
      const events = eventsOf(String(headers[':path']), /^\/model\/bench-(\d+)\/invoke-with-response-stream$/);
      const body = events === undefined ? undefined : bedrockBodies.get(events);
      if (body === undefined) {
        stream.respond({ ':status': 404 });
        stream.end();
        return;
      }
      stream.respond({ ':status': 200, ...EVENT_STREAM });
      void writeSlices(stream, body).then(() => stream.end());
    });
  });

  const sagemaker = createHttp1Server((req, res) => {
    req.resume();
    req.on('end', () => {
      const events = eventsOf(req.url ?? '', /^\/endpoints\/bench-(\d+)\/invocations-response-stream$/);
      const body = events === undefined ? undefined : sagemakerBodies.get(events);
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, EVENT_STREAM);
      void writeSlices(res, body).then(() => res.end());
    });
  });

  const bedrockEndpoint = await listen(bedrock);
  const sagemakerEndpoint = await listen(sagemaker);
  return {
    bedrockUrl(events) {
      if (!bedrockBodies.has(String(events))) bedrockBodies.set(String(events), bedrockBody(events));
      return `${bedrockEndpoint}/bench-${events}`;
    },
    sagemakerUrl(events) {
      if (!sagemakerBodies.has(String(events))) sagemakerBodies.set(String(events), sagemakerBody(events));
      return `${sagemakerEndpoint}/bench-${events}`;
    },
    bodyBytes(url) {
      const events = eventsOf(url, /\/bench-(\d+)$/) ?? '';
      const body = url.startsWith(`${bedrockEndpoint}/`) ? bedrockBodies.get(events) : sagemakerBodies.get(events);
      if (body === undefined) throw new Error(`no body rendered for ${url}`);
      return body.length;
    },
    close: async () => {
      for (const session of sessions) session.destroy();
      sagemaker.closeAllConnections();
      await Promise.all([new Promise((resolve) => bedrock.close(resolve)), new Promise((resolve) => sagemaker.close(resolve))]);
    },
  };
}
