/** The JSON Schema of recording files, for editors and for tools that read recordings. */
import { z } from 'zod';
import { recordingSchema } from './format.js';

export function recordingJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(recordingSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
    $id: 'https://sps-tui.invalid/schema/recording.schema.json',
    title: 'sps-tui recording',
    description: 'One session as sps-tui recorded it (format 2): every hook call with its arguments, result, logs and HTTP traffic, the questions, answers and credential trials, and the outcome.',
  };
}
