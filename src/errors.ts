import { readFileSync } from 'node:fs';
/**
 * The few error classes the CLI's one handler turns into messages and exit codes. Anything else
 * that reaches the handler is a bug in sps-tui and says so.
 */

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** A recording is missing or obsolete where none may be written (CI). */
  recording: 3,
  /** The plugin could not be started (interpreter, import). */
  pluginStart: 4,
  /** Nothing to run: no scenario or recording matched (allowed with --pass-with-no-tests). */
  noTests: 5,
  /** An error in sps-tui itself. */
  bug: 70,
  interrupted: 130,
} as const;

/** Bad input from the user: a file, a flag, a path. The message names what and where. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: number = ExitCode.usage,
  ) {
    super(message);
  }
}

/** What a report says of an error: a user's error with its hint; anything else by its message. */
export const errorText = (error: unknown): string =>
  error instanceof UserError && error.hint ? `${error.message}: ${error.hint}` : error instanceof Error ? error.message : String(error);

/** A user's error carries its exit code; anything else is a bug in sps-tui. */
export const exitCodeOfError = (error: unknown): number => (error instanceof UserError ? error.exitCode : ExitCode.bug);

/** A problem in a YAML input, located at a file, line and field; `others` are more in the same file, each on a line of its own. */
export class InputFileError extends UserError {
  override name = 'InputFileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly problem: string,
    readonly others: readonly InputFileError[] = [],
  ) {
    super([`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`, ...others.map((o) => o.message)].join('\n'));
  }

  /** This problem and the others, each with its own line: for reports that place them one by one. */
  get all(): readonly InputFileError[] {
    return [this, ...this.others];
  }
}

/** The text of an input file, or an InputFileError saying why it cannot be read. */
export function readInputFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputFileError(file, undefined, undefined, `cannot read: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
}
