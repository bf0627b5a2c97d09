import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordingJsonSchema } from '../../src/record/json-schema.js';
import { scenarioJsonSchema } from '../../src/scenario/json-schema.js';

const shipped = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'));

describe('the JSON Schemas shipped for editors (run `npm run build && node scripts/write-schema.mjs` after a change)', () => {
  it('scenario.schema.json is what the scenario reader validates with', () => {
    expect(shipped('scenario.schema.json')).toEqual(scenarioJsonSchema());
  });

  it('recording.schema.json is what the recording reader validates with, traffic included', () => {
    const schema = recordingJsonSchema();
    expect(shipped('recording.schema.json')).toEqual(schema);
    expect(JSON.stringify(schema)).toContain('"const":"http"');
  });
});
