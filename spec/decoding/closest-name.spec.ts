import { closestName } from '../../lib/decoding/closest-name';

const V2 = ['model', 'messages', 'max_tokens', 'stop_sequences', 'temperature', 'response_format', 'tool_choice', 'tools', 'k', 'p', 'seed', 'stream'];

describe('closestName', () => {
  test.each([
    ['maxTokens', 'max_tokens'],
    ['MaxTokens', 'max_tokens'],
    ['max-tokens', 'max_tokens'],
    ['stopSequences', 'stop_sequences'],
    ['stopSequence', 'stop_sequences'],
    ['responseFormat', 'response_format'],
    ['toolChoice', 'tool_choice'],
    ['temprature', 'temperature'],
    ['temperatrue', 'temperature'],
    ['mesages', 'messages'],
    ['tool', 'tools'],
  ])('%s → %s', (name, expected) => {
    expect(closestName(name, V2)).toBe(expected);
  });

  test('compares values without case, and finds a close value', () => {
    expect(closestName('required', ['REQUIRED', 'NONE'])).toBe('REQUIRED');
    expect(closestName('usr', ['user', 'assistant', 'system', 'tool'])).toBe('user');
  });

  test('suggests nothing far from every known name, nor the name itself', () => {
    expect(closestName('foo', V2)).toBeUndefined();
    expect(closestName('x', V2)).toBeUndefined();
    expect(closestName('cache_control', V2)).toBeUndefined();
    expect(closestName('model', V2)).toBeUndefined();
    expect(closestName('anything', [])).toBeUndefined();
  });
});
