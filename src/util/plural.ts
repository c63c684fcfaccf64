/**
 * A count with its noun in the number the count takes: `counted(1, 'entry',
 * 'entries')` is `1 entry`, `counted(3, 'row')` is `3 rows`. Messages and
 * notes print counts that can be 1 (a bias of one unit, one step) through it.
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `a`, `a and b`, `a, b and c`: items listed in prose. */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
