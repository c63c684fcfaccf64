import { describe, expect, it } from 'vitest';
import { counted } from '../../src/util/plural.js';

describe('counted', () => {
  it('puts the noun in the number its count takes', () => {
    expect(counted(1, 'row')).toBe('1 row');
    expect(counted(0, 'row')).toBe('0 rows');
    expect(counted(3, 'row')).toBe('3 rows');
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
    expect(counted(2, 'entry', 'entries')).toBe('2 entries');
  });
});
