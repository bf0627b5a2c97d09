/** The one place that starts Python: the plugin host server, in fork or spawn isolation. */
import type { Socket } from 'node:net';
import { delimiter } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import {
  sideEffectsOf,
  HookError,
  type CallOptions,
  type HookResult,
  type Isolation,
  type PluginHost,
  type PluginIntrospection,
} from '../protocol/host.js';
import type { JsonObject } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';
import { pluginEnvironment } from './plugin-env.js';
import { ServerConnection, type ServerProcess, type Settled } from './server-connection.js';

export { PythonNotFoundError } from './python-errors.js';
export type { PythonProblem } from './python-errors.js';

/** SPS's default: half of the protocol proxy's 600 s timeout. */
export const DEFAULT_TIMEOUT_MS = 300_000;
const INSPECT_TIMEOUT_MS = 30_000;
const HOST_SCRIPT = fileURLToPath(new URL('./python/host.py', import.meta.url));

export interface PythonHostOptions {
  /** The directory holding MANIFEST and main.py. */
  pluginDir: string;
  /** The raw configuration string every `Plugin(configuration)` receives. */
  configuration: string;
  /** Interpreter; default resolvePython(). */
  python?: string;
  isolation?: Isolation;
  /** Time limit of a call that sets none; default 300 s. */
  defaultTimeoutMs?: number;
  /** Directories of sps-tui's Python helpers (helper-cache.ts); given, the host loads its recording layers. */
  helperPaths?: string[];
  /** The interpreter's whole environment; default pluginEnvironment(): nothing of the shell's but PATH, locale and TZ. */
  env?: Record<string, string>;
  instruments?: Instruments;
}

/** What sps-tui runs inside the plugin's interpreter for its author; each needs its helper in helperPaths. */
export interface Instruments {
  /** --coverage: where each call's coverage.py data file goes. */
  coverageDataDir?: string;
  /** --pdb: breakpoint() and a raising hook get pdb on the terminal. */
  pdb?: boolean;
  /** --debugpy: `host:port` each call listens on until an IDE attaches. */
  debugpy?: string;
}

const instrumentFlags = ({ coverageDataDir, pdb, debugpy }: Instruments = {}): string[] => [
  ...(coverageDataDir ? ['--coverage', coverageDataDir] : []),
  ...(pdb ? ['--pdb', '1'] : []),
  ...(debugpy ? ['--debugpy', debugpy] : []),
];

/** The interpreter to use: the --python flag, else $SPS_TUI_PYTHON, else python3. */
export function resolvePython(flag?: string): string {
  return flag || process.env.SPS_TUI_PYTHON || 'python3';
}

/**
 * A PluginHost for one plugin and one configuration. In fork isolation the server starts
 * at once, imports main.py once and forks a fresh child per call; it restarts by itself if
 * it dies. In spawn isolation every call gets a fresh interpreter. Interpreter problems
 * reject calls with PythonNotFoundError; everything the plugin does wrong is a HookError.
 */
export function createPythonHost(options: PythonHostOptions): PluginHost {
  const python = options.python ?? resolvePython();
  const isolation = options.isolation ?? 'fork';
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const servers = new Set<ServerConnection>();
  let forkServer: ServerConnection | undefined;
  let closed = false;

  const start = (mode: Isolation): ServerConnection => {
    const server = startServer(python, options.pluginDir, mode, options.helperPaths, options.env, instrumentFlags(options.instruments));
    servers.add(server);
    void server.ready.catch(() => undefined);
    return server;
  };
  if (isolation === 'fork') forkServer = start('fork');

  return {
    async call(hook: HookName, args: JsonObject, callOptions: CallOptions = {}): Promise<HookResult> {
      if (closed) throw new HookError(hook, 'host', 'the plugin host is closed', undefined, [], 0);
      let server: ServerConnection;
      if (isolation === 'fork') {
        if (!forkServer?.alive) forkServer = start('fork');
        server = forkServer;
      } else {
        server = start('spawn');
      }
      try {
        const settled = await server.request(
          {
            op: 'call',
            hook,
            args,
            configuration: options.configuration,
            env: callOptions.env ?? {},
            ...(callOptions.traffic ? { traffic: callOptions.traffic } : {}),
            ...(callOptions.coverageContext !== undefined ? { coverage: callOptions.coverageContext } : {}),
          },
          {
            label: hook,
            timeoutMs: callOptions.timeoutMs ?? defaultTimeoutMs,
            signal: callOptions.signal,
            onLog: callOptions.onLog,
          },
        );
        return toHookResult(hook, settled);
      } finally {
        if (isolation === 'spawn') {
          servers.delete(server);
          await server.close();
        }
      }
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...servers].map((server) => server.close()));
      servers.clear();
    },
  };
}

/** Imports main.py in a fresh interpreter and describes its Plugin class; calls nothing. */
export async function inspectPlugin(
  pluginDir: string,
  options: { python?: string; timeoutMs?: number; target?: [number, number] } = {},
): Promise<PluginIntrospection> {
  const server = startServer(options.python ?? resolvePython(), pluginDir, 'spawn');
  try {
    const pythonVersion = await server.ready;
    const timeoutMs = options.timeoutMs ?? INSPECT_TIMEOUT_MS;
    const { outcome } = await server.request({ op: 'inspect', ...(options.target ? { target: options.target } : {}) }, { label: 'importing main.py', timeoutMs });
    if (outcome.ok) return outcome.value as unknown as PluginIntrospection;
    const message = outcome.kind === 'timeout' ? `importing main.py did not finish within ${timeoutMs / 1000} s` : outcome.message;
    return {
      error: { message, ...(outcome.traceback ? { traceback: outcome.traceback } : {}) },
      hasPluginClass: false,
      constructorTakesConfiguration: false,
      hooks: {},
      pythonVersion,
    };
  } finally {
    await server.close();
  }
}

function toHookResult(hook: HookName, { outcome, logs, durationMs }: Settled): HookResult {
  const effects = sideEffectsOf({ ...outcome, ...(outcome.left_running ? { leftRunning: outcome.left_running } : {}) });
  if (outcome.ok) return { value: outcome.value, passed: outcome.passed ?? [], logs, durationMs, ...effects };
  throw new HookError(hook, outcome.kind, outcome.message, outcome.traceback ?? undefined, logs, durationMs, effects, outcome.passed);
}

function startServer(
  python: string,
  pluginDir: string,
  mode: Isolation,
  helperPaths: string[] = [],
  env: Record<string, string> = pluginEnvironment(),
  instruments: string[] = [],
): ServerConnection {
  const helpers = helperPaths.length ? ['--helpers', helperPaths.join(delimiter)] : [];
  const subprocess = execa(python, [HOST_SCRIPT, '--plugin-dir', pluginDir, '--mode', mode, ...helpers, ...instruments], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    extendEnv: false,
    env,
  });
  const [, stdout, stderr, channel] = subprocess.stdio as unknown as [null, Socket, Socket, Socket];
  const handles = [stdout, stderr, channel];
  const proc: ServerProcess = {
    channel,
    stdout,
    stderr,
    exited: subprocess.then(
      (result) => ({ code: result.exitCode, signal: result.signal, spawnError: result.code }),
      (error: unknown) => ({ spawnError: String((error as { code?: unknown }).code ?? 'EUNKNOWN') }),
    ),
    kill: () => void subprocess.kill('SIGKILL'),
    setRef(ref) {
      if (ref) subprocess.ref();
      else subprocess.unref();
      for (const handle of handles) {
        if (ref) handle.ref();
        else handle.unref();
      }
    },
  };
  return new ServerConnection(proc, python);
}
