/** The two state directories SPS gives a plugin, and a HOME and TMPDIR of the session's own, as environment for its hook calls. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StateEnv extends Record<string, string> {
  /** Persistent: survives sessions (and sps-tui runs). */
  SCB_PLUGIN_STATE_DIRECTORY: string;
  /** Per session: created empty, removed by cleanup(). */
  EPHEMERAL_PLUGIN_STATE_DIRECTORY: string;
  /** Per session too, beside it: not the operator's home or temp dir. */
  HOME: string;
  TMPDIR: string;
}

export interface SessionDirs {
  /** Pass as CallOptions.env of every call in the session. */
  env: StateEnv;
  /** Removes the ephemeral directory; the persistent one stays. */
  cleanup(): Promise<void>;
}

export interface SessionDirsOptions {
  pluginName: string;
  /** Root of the persistent directories (the plugin's is `<stateDir>/<pluginName>`); default stateRoot(). */
  stateDir?: string;
}

/** Where persistent plugin state lives by default: $XDG_CACHE_HOME/sps-tui/state, else ~/.cache/sps-tui/state. */
export function stateRoot(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'sps-tui', 'state');
}

export async function createSessionDirs(options: SessionDirsOptions): Promise<SessionDirs> {
  // MANIFEST names are letters, digits and `_`; anything else must not escape the root.
  const name = options.pluginName.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_') || '_';
  const persistent = join(options.stateDir ?? stateRoot(), name);
  await mkdir(persistent, { recursive: true, mode: 0o700 });
  const session = await mkdtemp(join(tmpdir(), `sps-tui-${name}-`));
  const [ephemeral, home, tmp] = ['state', 'home', 'tmp'].map((dir) => join(session, dir)) as [string, string, string];
  for (const dir of [ephemeral, home, tmp]) await mkdir(dir, { mode: 0o700 });
  return {
    env: { SCB_PLUGIN_STATE_DIRECTORY: persistent, EPHEMERAL_PLUGIN_STATE_DIRECTORY: ephemeral, HOME: home, TMPDIR: tmp },
    cleanup: () => rm(session, { recursive: true, force: true }),
  };
}
