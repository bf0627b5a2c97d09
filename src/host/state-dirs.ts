/** The two state directories SPS gives a plugin, as environment for its hook calls. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StateEnv extends Record<string, string> {
  /** Persistent: survives sessions (and sps-tui runs). */
  SCB_PLUGIN_STATE_DIRECTORY: string;
  /** Per session: created empty, removed by cleanup(). */
  EPHEMERAL_PLUGIN_STATE_DIRECTORY: string;
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
  const ephemeral = await mkdtemp(join(tmpdir(), `sps-tui-${name}-`));
  return {
    env: { SCB_PLUGIN_STATE_DIRECTORY: persistent, EPHEMERAL_PLUGIN_STATE_DIRECTORY: ephemeral },
    cleanup: () => rm(ephemeral, { recursive: true, force: true }),
  };
}
