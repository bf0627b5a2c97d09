import { describe, expect, it } from 'vitest';
import { maskTyped } from '../../src/ui/mask.js';

describe('maskTyped', () => {
  it('stars per character (code points, not UTF-16 units), nothing, or the text when echo is on', () => {
    expect(maskTyped('pä🔑', false, 'star')).toBe('***');
    expect(maskTyped('secret', false, 'none')).toBe('');
    expect(maskTyped('alice', true, 'star')).toBe('alice');
  });
});
