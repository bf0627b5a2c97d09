// Writes schema/scenario.schema.json from the zod definition the scenario reader validates with,
// so editors and sps-tui agree on one format. Run after `npm run build`; a test checks it is current.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../dist/scenario/json-schema.js';

writeFileSync(new URL('../schema/scenario.schema.json', import.meta.url), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
