/** Runs the built binary the way a user does (npm test builds it before vitest starts). */
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/sps-tui.js`;

/** The environment of a user's shell: no colours, and not CI unless a test says so. */
export function userEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI' && key !== 'GITHUB_ACTIONS') env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

export async function cli(args: string[], options: Options = {}) {
  const { env, ...rest } = options;
  const result = await execa('node', [BIN, ...args], {
    cwd: ROOT,
    reject: false,
    ...(rest.input === undefined ? { stdin: 'ignore' as const } : {}),
    ...rest,
    extendEnv: false,
    env: userEnv(env as Record<string, string> | undefined),
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
