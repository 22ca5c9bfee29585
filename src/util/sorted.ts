// Lookup in a sorted list of strings (code unit order, as JavaScript's < compares): the model's skill keys and its
// vocabulary's words are stored sorted, so they are searched in place instead of being loaded into a hash table.

/** The index of `item` in `sorted` (ascending by <, unique) by binary search, or -1. */
export function indexOfSorted(sorted: readonly string[], item: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const s = sorted[middle];
    if (s === item) return middle;
    if (s < item) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
