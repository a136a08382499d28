/**
 * Items a stream places by a wire `index` (content blocks, tool calls, citations, V1 tool-call
 * chunks, generations), kept in arrival order with an array of their indexes beside them, so that
 * no index value costs memory or time: an index of 4294967294 is one more entry, not a sparse
 * array of four billion holes. They are put in index order once, at the end ({@link inIndexOrder}).
 *
 * Two ways to store, one set of rules:
 * - shared (the pure reducers, `chatSnapshots()`): every change gives new arrays and leaves the
 *   old ones as they were, so each snapshot stays what it was. A change costs O(k) for a list of
 *   k items (a new array); the operators bound k with `maxItems`.
 * - owned (`accumulateChat()`, `accumulateGenerate()`): a fold that shows no snapshot to anyone
 *   changes its own arrays in place and finds an index through a map: O(1) per change.
 *
 * @module
 * @internal
 */

/** Items in arrival order, and the wire index of each. */
export interface IndexedItems<T> {
  readonly items: readonly T[];
  readonly indexes: readonly number[];
}

/** The empty arrays every seed starts from: frozen, so an owned fold copies them before its first change. */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/** Where an owned list finds an index: its index-to-position map, keyed by its `indexes` array. */
const positions = new WeakMap<readonly number[], Map<number, number>>();

/**
 * The position of `index` among `indexes`, or -1. The newest item is checked first (the one
 * deltas go to in every real stream); then an owned list asks its map, and a shared one searches
 * (its next change copies the whole list anyway).
 */
export function positionOf(indexes: readonly number[], index: number): number {
  const last = indexes.length - 1;
  if (last >= 0 && indexes[last] === index) return last;
  const map = positions.get(indexes);
  return map === undefined ? indexes.lastIndexOf(index) : (map.get(index) ?? -1);
}

/**
 * `items` with the item at `position` replaced: in place when `owned` (the arrays of an owned list
 * are its own from its first item on), else in a copy.
 */
export function replaced<T>(items: readonly T[], position: number, item: T, owned: boolean): readonly T[] {
  if (owned) {
    (items as T[])[position] = item;
    return items;
  }
  const copy = items.slice();
  copy[position] = item;
  return copy;
}

/** The list with `item` added last, at `index` (which the list does not hold yet). */
export function appended<T>(list: IndexedItems<T>, index: number, item: T, owned: boolean): IndexedItems<T> {
  if (!owned) return { items: [...list.items, item], indexes: [...list.indexes, index] };
  const own = Object.isFrozen(list.indexes) ? ownCopy(list) : list;
  positions.get(own.indexes)?.set(index, own.items.length);
  (own.items as T[]).push(item);
  (own.indexes as number[]).push(index);
  return own;
}

/** A copy of a frozen list for a fold to own, with the map that finds its indexes. */
function ownCopy<T>(list: IndexedItems<T>): IndexedItems<T> {
  const indexes = list.indexes.slice();
  positions.set(indexes, new Map(indexes.map((index, position) => [index, position])));
  return { items: list.items.slice(), indexes };
}

/** The items in index order: one sort at the end, none when they arrived in order (every real stream). */
export function inIndexOrder<T>(list: IndexedItems<T>): T[] {
  const { items, indexes } = list;
  let ordered = true;
  for (let i = 1; i < indexes.length && ordered; i++) ordered = (indexes[i - 1] as number) < (indexes[i] as number);
  if (ordered) return items.slice();
  return indexes
    .map((index, position) => ({ index, position }))
    .sort((a, b) => a.index - b.index)
    .map(({ position }) => items[position] as T);
}
