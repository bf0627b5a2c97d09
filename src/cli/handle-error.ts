/** The one place that turns an error into what the user reads and the exit code. */
import { ExitCode, InputFileError, UserError } from '../errors.js';
import { inputFileAnnotations } from '../report/github.js';

export function handleError(error: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  // Under GitHub Actions a broken scenario or recording is marked on its line too, as failures are.
  if (error instanceof InputFileError && process.env.GITHUB_ACTIONS === 'true') process.stdout.write(inputFileAnnotations(error));
  if (error instanceof UserError) {
    write(`sps-tui: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(`sps-tui: this is a bug in sps-tui, please report it:\n${detail}\n`);
  return ExitCode.bug;
}
