/** Runs the built binary the way a user does (npm test builds it before vitest starts). */
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/sps-tui.js`;

export async function cli(args: string[], options: Options = {}) {
  const result = await execa('node', [BIN, ...args], { cwd: ROOT, reject: false, stdin: 'ignore', env: { NO_COLOR: '1', CI: '' }, ...options });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
