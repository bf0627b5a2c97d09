import { ExitCode, UserError } from '../errors.js';

/** The interpreter cannot run the plugin host: no plugin can start (exit 4), said in one line. */
export type PythonProblem = 'missing' | 'too-old' | 'broken';

export const PYTHON_HINT = 'set --python or SPS_TUI_PYTHON';

export class PythonNotFoundError extends UserError {
  override readonly name = 'PythonNotFoundError';
  constructor(
    readonly python: string,
    readonly problem: PythonProblem,
    message: string,
  ) {
    super(message, undefined, ExitCode.pluginStart);
  }

  static missing(python: string, reason = 'not found'): PythonNotFoundError {
    return new PythonNotFoundError(python, 'missing', `python interpreter ${reason}: ${python} (${PYTHON_HINT})`);
  }

  static tooOld(python: string, version: string): PythonNotFoundError {
    return new PythonNotFoundError(
      python,
      'too-old',
      `python interpreter too old: ${python} is Python ${version}, sps-tui needs 3.6 or newer (${PYTHON_HINT})`,
    );
  }

  static broken(python: string, detail: string): PythonNotFoundError {
    return new PythonNotFoundError(
      python,
      'broken',
      `python interpreter could not start the plugin host: ${python} ${detail} (${PYTHON_HINT})`,
    );
  }
}
