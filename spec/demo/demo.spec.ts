import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { chatStreamV1, generateStream, recordCassette } from '../../lib/index';
import { readCassette } from '../../lib/testing/index';
import { chatLive } from '../../demo/chat-live';
import { parseArguments, runDemo } from '../../demo/main';
import { PENGUIN_CHAT, words } from '../../demo/scripts';
import { createTerminal } from '../../demo/terminal';
import { toolUse } from '../../demo/tool-use';
import type { Scene } from '../../demo/scene';
import { runLive } from '../../demo/live';
import { runReplay } from '../../demo/replay';
import { chatV1Events, chatV2Events, fails, generateEvents, jsonLinesStream, sseStream, startMockCohereServer } from '../../lib/testing/index';

const ROOT = resolve(__dirname, '../..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm start -- <args>` in the repository, stdout and stderr piped (not a terminal). */
function npmStart(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['start', '--silent', '--', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The output with every run of white space (line breaks and wrapping indents included) as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('npm start: the scripted demo', () => {
  let run: Run;
  beforeAll(async () => {
    run = await npmStart([], { ...process.env, NO_COLOR: '1' });
  }, 120_000);

  test('exits 0 with every scene passing its checks, and reports no error or warning of its own (no AWS SDK warning)', () => {
    // npm itself may warn about the environment on stderr; the demo's own output must be clean.
    expect(run.stderr).not.toMatch(/Error|Warning/);
    expect(run.code).toBe(0);
    for (const scene of ['chat-live', 'tool-use', 'rag-citations', 'generate-side-by-side', 'aws', 'dropped-stream']) {
      expect(run.stdout).toMatch(new RegExp(`✓ ${scene}: \\d+ checks passed`));
    }
    expect(run.stdout).toContain('✓ all 6 scenes behaved as scripted');
  });

  test('has no ANSI escape codes when stdout is not a terminal and NO_COLOR is set', () => {
    expect(run.stdout).not.toContain('\x1b');
  });

  test('the V2 chat: the answer text, then the finish reason and usage', () => {
    const out = flat(run.stdout);
    expect(out).toContain(`model ${PENGUIN_CHAT.script.text.join('')} finish reason COMPLETE billed units 11 in · 38 out tokens 507 in · 40 out`);
    expect(out).toMatch(
      /metrics first event [\d.]+ ms · first token [\d.]+ ms · total [\d.]+ ms 39 events · 187 characters · 40 output tokens · \d+ tokens\/s/,
    );
  });

  test('the tool-use turn: the plan, then each call with its name, id and parsed arguments', () => {
    const out = flat(run.stdout);
    expect(out).toContain('plan I will look up the forecast for Lisbon and for Porto on 14 June, then compare the chance of rain.');
    expect(out).toContain("call 1 get_weather id get_weather_3k9xq2mz7d0a { location: 'Lisbon, PT', date: '2025-06-14', unit: 'celsius' }");
    expect(out).toContain("call 2 get_weather id get_weather_p81ta5vw2hce { location: 'Porto, PT', date: '2025-06-14', unit: 'celsius' }");
    expect(out).toContain('finish reason TOOL_CALL');
  });

  test('the RAG answer: the cited spans marked in the text, each citation with its span (in code points) and sources', () => {
    const out = flat(run.stdout);
    expect(out).toContain(
      'cited Emperor penguins 🐧 are the tallest of all penguins[1], standing about 1.1 m high[2]. 🧊 They breed on the sea ice around Antarctica[3]',
    );
    expect(out).toContain('[2] "about 1.1 m high" (61–77) ← doc_0 "Emperor penguin"');
    expect(out).toContain('[5] "in colonies of several thousand birds" (163–200) ← doc_1 "Breeding colonies"');
    expect(out).toContain('not cited doc_2');
  });

  test('the generate request: three generations, one line each', () => {
    expect(run.stdout).toContain('[0]    One small sip for man, one giant roast for mankind.\n');
    expect(run.stdout).toContain('[1]    Our espresso comes with the best view in the galaxy.\n');
    expect(run.stdout).toContain('[2]    Zero gravity, full flavour: the first café above the clouds.\n');
    expect(flat(run.stdout)).toContain('finish reasons COMPLETE · COMPLETE · COMPLETE');
  });

  test('the same chat through Bedrock and SageMaker, each with its summary', () => {
    const out = flat(run.stdout);
    expect(out).toContain(
      `AWS Bedrock you ${PENGUIN_CHAT.question} model ${PENGUIN_CHAT.script.text.join('')} finish reason COMPLETE billed units 11 in · 38 out`,
    );
    expect(out).toContain('invocation 507 in · 40 out · 250 ms sent POST /model/cohere.command-r-plus-v1:0/invoke-with-response-stream (HTTP/2)');
    expect(out).toContain(`AWS SageMaker you ${PENGUIN_CHAT.question} model ${PENGUIN_CHAT.script.text.join('')} finish reason COMPLETE`);
    expect(out).toContain('sent POST /endpoints/cohere-command-r-plus/invocations-response-stream (HTTP/1.1)');
  });

  test('the dropped stream: IncompleteStreamError, its message, its cause and the partial text', () => {
    const out = flat(run.stdout);
    expect(out).toContain('twelve countries [connection lost] error IncompleteStreamError message The chatV2 stream ended after 14 event(s)');
    expect(out).toContain('cause ConnectionError');
    expect(out).toContain('partial text "The Antarctic Treaty was signed in Washington in 1959 by twelve countries"');
  });
});

describe('npm start -- --live', () => {
  test('without CO_API_KEY or COHERE_API_KEY: a clear message on stderr and exit code 2', async () => {
    const { CO_API_KEY: _co, COHERE_API_KEY: _cohere, ...env } = process.env;
    const { code, stdout, stderr } = await npmStart(['--live', 'Write a haiku about rivers'], { ...env, NO_COLOR: '1' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--live streams from api.cohere.com and needs an API key: set CO_API_KEY (or COHERE_API_KEY)');
  }, 120_000);
});

describe('the live chat', () => {
  test('streams the answer, then prints the summary and returns 0', async () => {
    const server = await startMockCohereServer();
    try {
      server.reply(sseStream(chatV2Events({ text: words('Rivers run to the sea.') })));
      let output = '';
      const terminal = createTerminal({ write: (text: string) => (output += text) }, {});
      const code = await runLive(terminal, { write: () => true }, { CO_API_KEY: 'key' }, { prompt: 'A haiku' }, { baseUrl: server.baseUrl, token: 'key' });
      expect(code).toBe(0);
      expect(flat(output)).toContain('you A haiku model Rivers run to the sea. finish reason COMPLETE');
      expect(server.requests[0]?.json).toMatchObject({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'A haiku' }] });
    } finally {
      await server.close();
    }
  });
});

describe('recording a live chat, and replaying it', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'cohere-rx-demo-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** A terminal writing to a string, and that string. */
  const captured = () => {
    let output = '';
    return { terminal: createTerminal({ write: (text: string) => (output += text) }, {}), output: () => flat(output) };
  };
  const errors = () => {
    let written = '';
    return { output: { write: (text: string) => (written += text) }, text: () => written };
  };

  /** Runs `--live --record` against the mock server answering with `reply`; returns the cassette's path and the live output. */
  async function recordLive(name: string, reply: Parameters<Awaited<ReturnType<typeof startMockCohereServer>>['reply']>[0]) {
    const file = join(directory, name);
    const server = await startMockCohereServer();
    try {
      server.reply(reply);
      const { terminal, output } = captured();
      const code = await runLive(
        terminal,
        errors().output,
        { CO_API_KEY: 'demo-key-0123' },
        { prompt: 'A haiku', record: file },
        { baseUrl: server.baseUrl, token: 'demo-key-0123' },
      );
      return { file, code, output: output() };
    } finally {
      await server.close();
    }
  }

  test('--live --record writes the answer to a cassette; npm start -- --replay replays it through the same pipelines', async () => {
    const live = await recordLive('haiku.jsonl', sseStream(chatV2Events({ text: words('Rivers run to the sea.') }), { pieceSize: 13 }));
    expect(live.code).toBe(0);
    expect(live.output).toContain(`recorded ${join(directory, 'haiku.jsonl')}`);
    const take = readCassette(readFileSync(live.file, 'utf8'));
    expect(take.header).toMatchObject({ source: 'cohere', endpoint: 'v2/chat', protocol: 'chatV2', status: 200 });
    expect(take.ending.end).toBe('complete');
    expect(readFileSync(live.file, 'utf8')).not.toContain('demo-key-0123');

    const replay = await npmStart(['--replay', live.file, '--speed', 'Infinity'], { ...process.env, NO_COLOR: '1' });
    expect(replay.code).toBe(0);
    const out = flat(replay.stdout);
    expect(out).toContain(`cohere-rx replay ${live.file}: POST /v2/chat (cohere), recorded ${take.header.recordedAt}`);
    expect(out).toContain('model Rivers run to the sea. finish reason COMPLETE billed units');
    expect(out).toMatch(/metrics first event [\d.]+ ms/);
  }, 120_000);

  test('a chat cut short replays as it failed: the partial text, then IncompleteStreamError; exit code 1', async () => {
    const events = chatV2Events({ text: ['Cut ', 'short', ' here'] });
    const live = await recordLive('cut.jsonl', sseStream(events.slice(0, 4), { done: false, then: 'drop' }));
    expect(live.code).toBe(1);
    const { terminal, output } = captured();
    expect(await runReplay(terminal, errors().output, { file: live.file, speed: Infinity })).toBe(1);
    expect(output()).toContain('model Cut short error IncompleteStreamError message The chatV2 stream ended after 4 event(s)');
  });

  test('a V1 chat cassette (recorded with recordCassette) replays through jsonFrames and decodeEvents(chatV1)', async () => {
    const file = join(directory, 'v1.jsonl');
    const server = await startMockCohereServer();
    try {
      server.reply(jsonLinesStream(chatV1Events({ text: ['Version ', 'one'] })));
      const lines: string[] = [];
      await lastValueFrom(
        chatStreamV1({ model: 'command-r', message: 'Hi' }, { baseUrl: server.baseUrl, token: 'k', record: recordCassette((line) => lines.push(line)) }),
      );
      writeFileSync(file, lines.join(''));
    } finally {
      await server.close();
    }
    const { terminal, output } = captured();
    expect(await runReplay(terminal, errors().output, { file, speed: Infinity })).toBe(0);
    expect(output()).toContain('POST /v1/chat (cohere)');
    expect(output()).toContain('model Version one finish reason COMPLETE billed units');
  });

  test('a generate cassette replays through decodeEvents(generate) and accumulateGenerate(): each generation on its line', async () => {
    const file = join(directory, 'generate.jsonl');
    const server = await startMockCohereServer();
    try {
      server.reply(
        jsonLinesStream(
          generateEvents({
            generations: [
              ['Red', ' sky'],
              ['Blue', ' sea'],
            ],
          }),
        ),
      );
      const lines: string[] = [];
      await lastValueFrom(
        generateStream({ model: 'command', prompt: 'Go' }, { baseUrl: server.baseUrl, token: 'k', record: recordCassette((line) => lines.push(line)) }),
      );
      writeFileSync(file, lines.join(''));
    } finally {
      await server.close();
    }
    const { terminal, output } = captured();
    expect(await runReplay(terminal, errors().output, { file, speed: Infinity })).toBe(0);
    expect(output()).toContain('POST /v1/generate (cohere)');
    expect(output()).toContain('[0] Red sky [1] Blue sea');
  });

  test('a file that is not a cassette: the CassetteFormatError naming the line, exit code 1; a bad --speed: exit code 2', async () => {
    const file = join(directory, 'not-a-cassette.jsonl');
    writeFileSync(file, '{"cassette":1,"take":1}\n');
    const bad = errors();
    expect(await runReplay(captured().terminal, bad.output, { file })).toBe(1);
    expect(bad.text()).toContain('CassetteFormatError: Line 1 of the cassette: expected');
    const missing = errors();
    expect(await runReplay(captured().terminal, missing.output, { file: join(directory, 'missing.jsonl') })).toBe(1);
    expect(missing.text()).toContain('--replay could not read');
    const live = await recordLive('speed.jsonl', sseStream(chatV2Events({ text: ['ok'] })));
    const speed = errors();
    expect(await runReplay(captured().terminal, speed.output, { file: live.file, speed: Number('fast') })).toBe(2);
    expect(speed.text()).toContain('InvalidOptionError: The option speed accepts a number of at least 0.01, received NaN.');
  });
});

describe('a scene whose pipeline does not give what was scripted', () => {
  /** The chat scene, with the server answering something else than the scene scripted. */
  const answersOtherwise: Scene = {
    ...chatLive,
    run: (stage) => {
      stage.server.reply(sseStream(chatV2Events({ ...PENGUIN_CHAT.script, text: words('Because they are cold.') })));
      return chatLive.run(stage);
    },
  };
  /** The chat scene, with the server refusing the request. */
  const refused: Scene = {
    ...chatLive,
    name: 'chat-live (refused)',
    run: (stage) => {
      stage.server.reply(fails(400, { message: 'invalid request: model not found' }));
      return chatLive.run(stage);
    },
  };

  test('fails its checks: the demo names the scene, goes on with the next ones, and returns exit code 1', async () => {
    let output = '';
    const terminal = createTerminal({ write: (text: string) => (output += text) }, {});
    const code = await runDemo(terminal, { scenes: [answersOtherwise, refused, toolUse], gapMs: 0 });
    expect(code).toBe(1);
    expect(output).toContain('✗ chat-live: 3 of 5 checks failed');
    expect(flat(output)).toContain('streamed text: expected "To survive the Antarctic winter.');
    expect(flat(output)).toContain('got "Because they are cold."');
    expect(output).toContain('✗ chat-live (refused): 1 of 1 checks failed');
    expect(flat(output)).toContain('the pipeline failed: BadRequestError');
    expect(output).toMatch(/✓ tool-use: \d+ checks passed/);
    expect(output).toContain('✗ 2 of 3 scenes failed: chat-live, chat-live (refused)');
  }, 60_000);
});

describe('the command line', () => {
  test.each([
    [[], { kind: 'demo' }],
    [['--live', 'Write a haiku'], { kind: 'live', prompt: 'Write a haiku', model: 'command-a-03-2025' }],
    [['--model', 'command-r7b-12-2024', '--live', 'Write', 'a haiku'], { kind: 'live', prompt: 'Write a haiku', model: 'command-r7b-12-2024' }],
    [['--help'], { kind: 'help' }],
    [['--live'], { kind: 'usage-error', message: '--live needs a prompt: --live "your prompt"' }],
    [['--live', 'Hi', '--model'], { kind: 'usage-error', message: '--model needs a model name' }],
    [['--fast'], { kind: 'usage-error', message: 'unknown option --fast' }],
    [['Hi'], { kind: 'usage-error', message: 'a prompt is for --live: "Hi"' }],
    [['--live', 'Hi', '--record', 'a.jsonl'], { kind: 'live', prompt: 'Hi', model: 'command-a-03-2025', record: 'a.jsonl' }],
    [['--replay', 'a.jsonl'], { kind: 'replay', file: 'a.jsonl', speed: 1 }],
    [['--replay', 'a.jsonl', '--speed', 'Infinity'], { kind: 'replay', file: 'a.jsonl', speed: Infinity }],
    [['--record', 'a.jsonl'], { kind: 'usage-error', message: '--record is for --live: --live "your prompt" --record FILE' }],
    [['--live', 'Hi', '--record'], { kind: 'usage-error', message: '--record needs a file' }],
    [['--replay', 'a.jsonl', '--live', 'Hi'], { kind: 'usage-error', message: '--replay takes a file and --speed, nothing else' }],
    [['--speed', '2'], { kind: 'usage-error', message: '--speed is for --replay' }],
  ])('%j', (args, command) => {
    expect(parseArguments(args)).toEqual(command);
  });
});

describe('the terminal', () => {
  const written = (isTTY: boolean, env: Record<string, string>) => {
    let output = '';
    const terminal = createTerminal({ write: (text: string) => (output += text), isTTY }, env);
    terminal.line(terminal.paint.green('ok'));
    return output;
  };

  test('colors only on a terminal, and not when NO_COLOR is set', () => {
    expect(written(true, {})).toBe('\x1b[32mok\x1b[39m\n');
    expect(written(true, { NO_COLOR: '1' })).toBe('ok\n');
    expect(written(false, {})).toBe('ok\n');
  });

  test('a streamed paragraph wraps between words under its label', () => {
    let output = '';
    const terminal = createTerminal({ write: (text: string) => (output += text), columns: 30 }, {});
    terminal.startFlow('  label ');
    for (const piece of words('one two three four five six seven eight nine')) terminal.flow(piece);
    terminal.line('next');
    expect(output).toBe('  label one two three four\n        five six seven eight\n        nine\nnext\n');
  });
});
