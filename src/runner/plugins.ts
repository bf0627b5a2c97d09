/** Loads the plugins a session names and starts a host for each. */
import type { SessionInput } from '../engine/context.js';
import { runSession, type RunSessionOptions, type SessionResult } from '../engine/run-session.js';
import { UserError } from '../errors.js';
import { createSessionDirs } from '../host/state-dirs.js';
import { PythonNotFoundError } from '../host/python-errors.js';
import { ensureHelpers, type HelperName } from '../host/helper-cache.js';
import { createPythonHost, resolvePython } from '../host/python-host.js';
import type { CallOptions, PluginHost } from '../protocol/host.js';
import type { PluginRole } from '../protocol/session.js';
import { formatFinding } from '../plugin/finding.js';
import { loadPlugin } from '../plugin/load.js';
import { pythonHostOptions, type HostOptions, type LoadedPlugin, type SharedHosts } from './host-options.js';

export type { HostOptions, LoadedPlugin } from './host-options.js';

/** Loads a plugin for a role; a plugin SPS would refuse to upload is a user error listing why. */
export async function loadForRole(path: string, configuration: string | undefined, role?: PluginRole, pool?: SharedHosts): Promise<LoadedPlugin> {
  const loaded = await (pool ? pool.loadPlugin(path) : loadPlugin(path));
  if (!loaded.ok) {
    throw new UserError(`cannot use plugin ${path}:\n${loaded.findings.map((f) => `  ${formatFinding(f, path)}`).join('\n')}`);
  }
  const info = loaded.plugin;
  const type = info.manifest.type;
  const actualRole: PluginRole = type === 'aa' ? 'aa' : 'credentialstore';
  if (role && role !== actualRole) {
    await info.cleanup();
    throw new UserError(`plugin ${path} is of type ${type}, but is used as ${role === 'aa' ? 'an AA' : 'a credential store'} plugin`);
  }
  return {
    role: actualRole,
    info,
    slot: { role: actualRole, type, name: info.manifest.name, configuration: configuration ?? info.defaultConfiguration ?? '' },
  };
}

export interface StartedSession {
  hosts: Partial<Record<PluginRole, PluginHost>>;
  /** Set when the interpreter itself could not run: no session can, so the caller stops the run. */
  readonly fatal: () => PythonNotFoundError | undefined;
  callOptions: Partial<Record<PluginRole, Omit<CallOptions, 'signal' | 'onLog'>>>;
  close(): Promise<void>;
}

/** The helpers these options need inside the plugin's interpreter: vcrpy to record traffic, and the author's instruments. */
export function helperNames(options: HostOptions): HelperName[] {
  const { instruments = {} } = options;
  return [
    ...(options.traffic?.http ? (['vcrpy'] as const) : []),
    ...(instruments.coverageDataDir ? (['coverage'] as const) : []),
    ...(instruments.debugpy ? (['debugpy'] as const) : []),
  ];
}

/** Their directories in this interpreter, installed on first need with a message. */
export const helpersFor = (python: string | undefined, names: HelperName[] = ['vcrpy']): Promise<string[]> =>
  ensureHelpers(resolvePython(python), names, { onInstall: (message) => process.stderr.write(`sps-tui: ${message}\n`) });

/** A host per plugin (never shared: plugins must not share an interpreter) and a session's state dirs. */
export async function startHosts(plugins: LoadedPlugin[], options: HostOptions): Promise<StartedSession> {
  const hosts: StartedSession['hosts'] = {};
  const callOptions: StartedSession['callOptions'] = {};
  const cleanups: Array<() => Promise<void>> = [];
  let fatal: PythonNotFoundError | undefined;
  const plan = options.traffic;
  const helpers = helperNames(options);
  if (helpers.length && !options.helperPaths) options = { ...options, helperPaths: await helpersFor(options.python, helpers) };
  const { coverageContext } = options;
  for (const plugin of plugins) {
    options.measured?.set(plugin.info.dir, plugin.info.source);
    const dirs = await createSessionDirs({ pluginName: plugin.info.manifest.name, ...(options.stateDir ? { stateDir: options.stateDir } : {}) });
    cleanups.push(() => dirs.cleanup());
    let host = options.pool?.acquire(plugin, options);
    if (host) {
      const pooled = host;
      cleanups.push(async () => options.pool!.release(pooled));
    } else {
      const own = createPythonHost(pythonHostOptions(plugin, options));
      cleanups.push(() => own.close());
      host = own;
    }
    const real = host;
    hosts[plugin.role] = {
      call: (hook, args, callOptions) => {
        const traffic = plan?.requestFor(plugin.role, hook);
        const asked = { ...callOptions, ...(traffic ? { traffic } : {}), ...(coverageContext !== undefined ? { coverageContext } : {}) };
        return real.call(hook, args, asked).catch((error: unknown) => {
          if (error instanceof PythonNotFoundError) fatal ??= error;
          throw error;
        });
      },
      close: () => real.close(),
    };
    callOptions[plugin.role] = { env: dirs.env, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  }
  return {
    hosts,
    callOptions,
    fatal: () => fatal,
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    },
  };
}

/**
 * The sequence every runner shares (a scenario, a replay): a host per plugin, the session played
 * on them, an interpreter that could not run surfaced, and hosts and plugins cleaned up whatever
 * happened.
 */
export async function playOnHosts(
  plugins: LoadedPlugin[],
  input: SessionInput,
  options: HostOptions,
  play: Omit<RunSessionOptions, 'input' | 'hosts' | 'callOptions'>,
): Promise<SessionResult> {
  try {
    const session = await startHosts(plugins, options);
    try {
      const result = await runSession({ ...play, input, hosts: session.hosts, callOptions: session.callOptions });
      const fatal = session.fatal();
      if (fatal) throw fatal;
      return result;
    } finally {
      await session.close();
    }
  } finally {
    for (const plugin of plugins) await plugin.info.cleanup();
  }
}
