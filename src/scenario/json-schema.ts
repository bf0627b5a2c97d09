/** The JSON Schema of scenario files, for editors (yaml-language-server) and other tools. */
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12' }),
    $id: 'https://sps-tui.invalid/schema/scenario.schema.json',
    title: 'sps-tui scenario',
    description: 'One SPS session to run against a plugin, and what it should do. A file may hold several, as YAML documents.',
  };
}
