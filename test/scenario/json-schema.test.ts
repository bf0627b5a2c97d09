import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';

describe('the JSON Schema shipped for editors', () => {
  it('is what the scenario reader validates with (run `npm run build && node scripts/write-schema.mjs` after a change)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8')) as unknown;
    expect(shipped).toEqual(scenarioJsonSchema());
  });
});
