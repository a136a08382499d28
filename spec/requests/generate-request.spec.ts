import { issuePaths } from '../helpers/issue-paths';
import { GenerateRequest } from '../../lib/requests/generate-request';

const generateBody = {
  prompt: 'Write a haiku about the sea.',
  model: 'command',
  num_generations: 2,
  max_tokens: 50,
  truncate: 'END',
  temperature: 0.9,
  seed: 3,
  preset: 'my-preset',
  end_sequences: ['\n\n'],
  stop_sequences: ['.'],
  k: 10,
  p: 0.5,
  frequency_penalty: 0.2,
  presence_penalty: 0.1,
  return_likelihoods: 'GENERATION',
  raw_prompting: false,
  stream: true,
};

describe('GenerateRequest', () => {
  it('parses a realistic body', () => {
    const parsed = GenerateRequest.parse(generateBody);
    expect(parsed.prompt).toBe('Write a haiku about the sea.');
    expect(parsed.num_generations).toBe(2);
    expect(parsed.return_likelihoods).toBe('GENERATION');
  });

  it('rejects a member it does not list', () => {
    const result = GenerateRequest.safeParse({ prompt: 'Hi', numGenerations: 2 });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([['unrecognized_keys', '']]);
  });

  it('takes max_tokens 0 only with return_likelihoods ALL, as the API reference states', () => {
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', max_tokens: 0 })).toEqual(['max_tokens']);
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', max_tokens: 0, return_likelihoods: 'GENERATION' })).toEqual(['max_tokens']);
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', max_tokens: -1, return_likelihoods: 'ALL' })).toEqual(['max_tokens']);
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', max_tokens: 0, return_likelihoods: 'ALL' })).toEqual([]);
  });

  it('reports a missing prompt', () => {
    expect(issuePaths(GenerateRequest, { model: 'command' })).toEqual(['prompt']);
  });

  it('reports bad generate parameters by their wire names', () => {
    const body = {
      prompt: 'Hi',
      num_generations: 1.5,
      temperature: 5.5,
      truncate: 'MIDDLE',
      return_likelihoods: 'SOME',
      k: -1,
    };
    expect(issuePaths(GenerateRequest, body).sort()).toEqual(['k', 'num_generations', 'return_likelihoods', 'temperature', 'truncate']);
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', num_generations: 6 })).toEqual(['num_generations']);
    expect(issuePaths(GenerateRequest, { prompt: 'Hi', temperature: 5 })).toEqual([]);
  });
});
