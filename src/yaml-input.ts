/** YAML a user wrote, read so that every way it can be wrong is an InputFileError naming file and line. */
import type { Document, LineCounter } from 'yaml';
import { InputFileError } from './errors.js';

/** The document's first syntax error, located; undefined when there is none. */
export function syntaxError(file: string, doc: Document, lines: LineCounter): InputFileError | undefined {
  const error = doc.errors[0];
  return error ? new InputFileError(file, lines.linePos(error.pos[0]).line, undefined, `not valid YAML: ${error.message.split('\n')[0]}`) : undefined;
}

/**
 * The document as plain data. The yaml package refuses an alias bomb (ReferenceError) and a stack
 * can overflow on absurd nesting (RangeError): both are the file's fault, not sps-tui's.
 */
export function dataOf(file: string, doc: Document): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    if (error instanceof ReferenceError || error instanceof RangeError) {
      throw new InputFileError(file, undefined, undefined, `cannot be read: ${error.message} (too many aliases, or nested too deeply)`);
    }
    throw error;
  }
}
