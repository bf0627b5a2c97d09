/** A run that found nothing to run is not a pass: CI must not go green on a typo in a path or a filter. */
import { ExitCode } from '../errors.js';

export function nothingToRun(what: string, where: string[], narrowedBy: Array<string | false | undefined>, allowed: boolean, text: (s: string) => void): number {
  const narrowed = narrowedBy.filter((n): n is string => Boolean(n));
  const hint = allowed ? '' : ' (pass --pass-with-no-tests when that is expected)';
  process.stderr.write(`sps-tui: no ${what} to run in ${where.join(', ')}${narrowed.length ? `, ${narrowed.join(', ')}` : ''}${hint}\n`);
  text('\n0 passed, 0 failed\n');
  return allowed ? ExitCode.ok : ExitCode.noTests;
}
