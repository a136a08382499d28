/**
 * Deeply nested wire data never escapes as a bare RangeError: the one place cohere-rx writes
 * wire objects back to text (a V1 tool call's `parameters`) reports a typed error.
 */
import { from, lastValueFrom, toArray } from 'rxjs';
import { accumulateChat, chatV1, collectToolCalls, decodeEvents, jsonFrames, partialToolCalls, ToolCallArgumentsError } from '../../lib/index';

const DEPTH = 6000;

/** A V1 tool-calls-generation frame whose parameters nest DEPTH levels deep (about 30 KB of text). */
function deepGeneration(): string {
  const parameters = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  return `{"event_type":"tool-calls-generation","is_finished":false,"tool_calls":[{"name":"deep","parameters":${parameters}}]}\n{"event_type":"stream-end","is_finished":true,"finish_reason":"COMPLETE"}\n`;
}

const events = () => from([deepGeneration()]).pipe(jsonFrames(), decodeEvents(chatV1));

test('collectToolCalls and partialToolCalls report parameters nested too deep as a ToolCallArgumentsError', async () => {
  const failure = await lastValueFrom(events().pipe(collectToolCalls(), toArray())).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ToolCallArgumentsError);
  expect(failure).toMatchObject({ toolName: 'deep', index: 0 });
  await expect(lastValueFrom(events().pipe(partialToolCalls(), toArray()))).rejects.toBeInstanceOf(ToolCallArgumentsError);
});

test("with invalidArguments: 'emit', the call is emitted with its error and the stream goes on", async () => {
  const calls = await lastValueFrom(events().pipe(collectToolCalls({ invalidArguments: 'emit' }), toArray()));
  expect(calls).toHaveLength(1);
  expect(calls[0]?.error).toBeInstanceOf(ToolCallArgumentsError);
  expect(calls[0]?.parsed).toBeUndefined();
});

test('accumulateChat keeps the deep parameters as they arrived', async () => {
  const chat = await lastValueFrom(events().pipe(accumulateChat()));
  expect(chat.tool_calls?.[0]?.name).toBe('deep');
});
