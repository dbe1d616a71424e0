/**
 * Code-set look-ups for the registry's validation and presentation. The code sets now live in the dictionary tables
 * (src/core/dictionary): national items from GB/T 2261.1, GB/T 3304, GB/T 4761, GB/T 26341 plus local extensions,
 * held in memory so these checks stay synchronous and see a local item as soon as it is added.
 */
export {
  dictionaryEntries,
  dictionaryHas,
  dictionaryLabel,
  dictionaryValueOf,
} from '../dictionary/dictionary-cache.ts';
export type { DictionaryEntry } from '../dictionary/dictionary-types.ts';
