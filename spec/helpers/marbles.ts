import type { TestScheduler } from 'rxjs/testing';
import { createMarbleScheduler } from '../../lib/testing/index';

/** A marble scheduler asserting with jest's `toEqual`, errors compared by class, message and fields. */
export function createScheduler(): TestScheduler {
  return createMarbleScheduler((actual, expected) => {
    expect(actual).toEqual(expected);
  });
}
