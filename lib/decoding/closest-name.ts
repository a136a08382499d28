/**
 * The "did you mean" of error messages: the known name closest to one that was not recognised
 * (a member of a request body, a role, an enum value).
 *
 * @module
 * @internal
 */

/** `maxTokens`, `MaxTokens` and `max-tokens` all become `max_tokens`: the wire's spelling of a name written as in another SDK. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
}

/**
 * The number of single-character insertions, deletions, substitutions and swaps of two adjacent
 * characters that turn `a` into `b` (optimal string alignment), in O(|a|·|b|).
 */
function editDistance(a: string, b: string): number {
  // Three rows of the table: the one before the previous (for swaps), the previous, the current.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The name in `known` that `name` most likely meant, or `undefined` when none is close.
 *
 * `name` is first read as snake_case (`maxTokens` → `max_tokens`, `stopSequences` →
 * `stop_sequences`) and compared without case (`required` → `REQUIRED`); failing that, the known
 * name fewest edits away wins (`temprature` → `temperature`, `usr` → `user`), when it is at most
 * a third of its length away (and at least one of its characters stays).
 *
 * @internal
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const snake = snakeCase(name);
  const same = known.find((candidate) => candidate === snake || candidate.toLowerCase() === snake);
  if (same !== undefined) return same === name ? undefined : same;
  let closest: string | undefined;
  let closestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(snake, candidate.toLowerCase());
    if (distance < closestDistance && distance <= Math.max(1, Math.floor(candidate.length / 3)) && distance < candidate.length) {
      closest = candidate;
      closestDistance = distance;
    }
  }
  return closest;
}
