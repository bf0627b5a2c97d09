/**
 * The environment a plugin runs in. SPS starts plugins with a bare environment, so by default a
 * plugin here sees only what it needs to run (PATH, the locale, TZ) and the directories of its
 * session; nothing of the operator's shell: no tokens, proxies, PYTHONPATH or CI credentials.
 */

export interface EnvChoice {
  /** Names or globs (`HTTPS_PROXY`, `AWS_*`) passed from sps-tui's own environment. */
  pass?: string[];
  /** Values set for the plugin (a scenario's `env:`). */
  values?: Record<string, string>;
  /** Everything sps-tui has, as before this existed. */
  inherit?: boolean;
}

/** Always passed: a plugin cannot find programs or decode text without them. */
const BASE = /^(PATH|TZ|LANG|LANGUAGE|LC_[A-Z]+)$/;
/** Never passed, whatever is asked: the answers and secrets sps-tui itself is given. */
const NEVER = /^SPS_TUI_SECRET_/;

const globToRegExp = (glob: string): RegExp => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/**
 * The environment of the plugin host's interpreter. HOME is the user's so that the interpreter
 * itself starts (pyenv shims and the like read it); each call then gets its session's own HOME.
 */
export function pluginEnvironment(choice: EnvChoice = {}, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const patterns = (choice.pass ?? []).map(globToRegExp);
  const wanted = (name: string): boolean => choice.inherit === true || BASE.test(name) || name === 'HOME' || patterns.some((p) => p.test(name));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) if (value !== undefined && !NEVER.test(name) && wanted(name)) env[name] = value;
  for (const [name, value] of Object.entries(choice.values ?? {})) if (!NEVER.test(name)) env[name] = value;
  env.PYTHONUNBUFFERED = '1';
  return env;
}
