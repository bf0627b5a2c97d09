// Writes schema/scenario.schema.json and schema/recording.schema.json from the zod definitions the
// readers validate with, so editors and sps-tui agree on one format. Run after `npm run build`;
// a test checks they are current.
import { writeFileSync } from 'node:fs';
import { recordingJsonSchema } from '../dist/record/json-schema.js';
import { scenarioJsonSchema } from '../dist/scenario/json-schema.js';

const write = (name, schema) => writeFileSync(new URL(`../schema/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
write('scenario.schema.json', scenarioJsonSchema());
write('recording.schema.json', recordingJsonSchema());
