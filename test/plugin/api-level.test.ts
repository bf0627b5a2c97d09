import { describe, expect, it } from 'vitest';
import { apiAccepts, parseApiLevel } from '../../src/plugin/api-level.js';

describe('apiAccepts', () => {
  it.each([
    ['1.8', '1.0', true],
    ['1.8', '1.8', true],
    ['1.8', '1.9', false],
    ['1.8', '2.0', false],
    ['2.0', '1.0', false],
    ['1.10', '1.9', true],
    ['1.9', '1.10', false],
    ['1.10', '1.10', true],
    ['1.8', '1.2.3', true],
    ['1.8', 'one', false],
    ['x', '1.0', false],
  ])('appliance %s, plugin %s -> %s', (appliance, plugin, accepted) => {
    expect(apiAccepts(appliance, plugin)).toBe(accepted);
  });

  it('parses components as numbers', () => {
    expect(parseApiLevel('1.10')).toEqual({ major: 1, minor: 10 });
    expect(parseApiLevel('1')).toBeUndefined();
    expect(parseApiLevel('1.2.3.4')).toBeUndefined();
  });
});
