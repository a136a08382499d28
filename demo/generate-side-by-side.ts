/**
 * Scene: a generate request with three generations streaming side by side, one line each.
 *
 * @module
 */
import { map, mergeMap, pipe, reduce, tap } from 'rxjs';
import { accumulateGenerate, generateStream, groupGenerationsByIndex } from '../lib/index';
import { generateEndOf, generateEvents, jsonLinesStream } from '../lib/testing/index';
import { finalAndLive, type Scene } from './scene';
import { TAGLINES } from './scripts';
import { INDENT } from './terminal';

/** A generation's text, by its index. */
interface Generation {
  readonly index: number;
  readonly text: string;
}

/**
 * The generate scene: `num_generations: 3`, whose pieces arrive interleaved; each generation
 * is its own group (`groupGenerationsByIndex()`). On a terminal the three lines are redrawn in
 * place as pieces arrive; otherwise each generation is printed when it completes. Checked:
 * each generation's text, and the final `GenerateStreamEnd`.
 */
export const generateSideBySide: Scene = {
  name: 'generate-side-by-side',
  title: 'Generate: 3 generations streaming side by side',
  pipeline: 'generateStream({ num_generations: 3 }).pipe(share()) → groupGenerationsByIndex(), one line per group; accumulateGenerate()',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { prompt, script } = TAGLINES;
    server.reply(jsonLinesStream(generateEvents(script), { gapMs }));
    terminal.line(`${INDENT}${terminal.paint.bold('prompt ')}${prompt}`);
    const texts = script.generations.map(() => '');
    const render = (index: number) => `${INDENT}[${index}]    ${texts[index] ?? ''}`;
    if (terminal.tty) texts.forEach((_, index) => terminal.line(render(index)));
    const body = { model: 'command', prompt, num_generations: script.generations.length, max_tokens: 40 };
    const { final: end, live } = await finalAndLive(
      generateStream(body, cohere),
      accumulateGenerate(),
      pipe(
        groupGenerationsByIndex(),
        mergeMap((group) =>
          group.pipe(
            tap((event) => {
              texts[group.key] = `${texts[group.key] ?? ''}${event.text ?? ''}`;
              if (terminal.tty) terminal.redraw(texts.map((_, index) => render(index)));
            }),
            reduce((text, event) => text + (event.text ?? ''), ''),
            map((text): Generation => ({ index: group.key, text })),
            tap(({ index }) => {
              if (!terminal.tty) terminal.line(render(index));
            }),
          ),
        ),
      ),
    );
    terminal.line();
    terminal.field('finish reasons', (end.generations ?? []).map((generation) => generation.finish_reason ?? '—').join(' · '));
    terminal.field('response id', terminal.paint.dim(end.id ?? '—'));

    const generations = [...live].sort((a, b) => a.index - b.index);
    checks.equal('request', server.requests.at(-1)?.json, { ...body, stream: true });
    checks.equal(
      'generations',
      generations,
      script.generations.map((pieces, index) => ({ index, text: pieces.join('') })),
    );
    checks.equal('GenerateStreamEnd', end, generateEndOf(script));
  },
};
