/** The one error loading a plugin can throw: the input itself cannot be read. */
import { ExitCode, UserError } from '../errors.js';

/**
 * The path does not exist, is neither a directory nor a zip, the zip is corrupt or too big.
 * Everything else wrong with a plugin is a Finding, not an exception. Exit code 2.
 */
export class PluginInputError extends UserError {
  override name = 'PluginInputError';
  constructor(
    /** The path as the user gave it. */
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${problem}`, undefined, ExitCode.usage);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
