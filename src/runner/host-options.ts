/** How a plugin's host is set up: the options of a run, and the one function that turns them into a host's. */
import { pluginEnvironment, type EnvChoice } from '../host/plugin-env.js';
import type { Instruments, PythonHostOptions } from '../host/python-host.js';
import type { Isolation, NetworkMode, PluginHost } from '../protocol/host.js';
import type { PluginInfo } from '../protocol/plugin.js';
import type { PluginRole, PluginSlot } from '../protocol/session.js';
import type { LoadResult } from '../plugin/load.js';
import type { TrafficPlan } from '../record/traffic.js';

/** What a run shares between its sessions (HostPool): plugins read once, warm hosts. */
export interface SharedHosts {
  loadPlugin(path: string): Promise<LoadResult>;
  /** A warm host to use until `release`, or undefined where the session needs its own. */
  acquire(plugin: LoadedPlugin, options: HostOptions): PluginHost | undefined;
  release(host: PluginHost): void;
}

export interface HostOptions {
  python?: string;
  isolation?: Isolation;
  timeoutMs?: number;
  /** Root of SCB_PLUGIN_STATE_DIRECTORY; default under the user's cache. */
  stateDir?: string;
  /** Warm hosts shared across the sessions of one run. */
  pool?: SharedHosts;
  /** `live` (a flag or the scenario): recordings' traffic is not served, the plugin reaches its services. */
  network?: NetworkMode;
  /** What each call records or serves of the plugin's traffic; none: the plugin reaches the world unrecorded. */
  traffic?: TrafficPlan;
  /** sps-tui's Python helper directories (vcrpy); startHosts finds them when `traffic` is set. */
  helperPaths?: string[];
  /** What of sps-tui's environment the plugin sees beside the minimum (--pass-env, a scenario's env:, --inherit-env). */
  env?: EnvChoice;
  /** --coverage, --pdb, --debugpy. */
  instruments?: Instruments;
  /** Under --coverage: which scenario or recording the calls belong to (not part of a warm host's identity). */
  coverageContext?: string;
  /** Under --coverage: each plugin directory measured is added here, with the path the user gave it. */
  measured?: Map<string, string>;
}

/** The host for a plugin under these options: the one place a pooled and a private host are described. */
export const pythonHostOptions = (plugin: LoadedPlugin, options: HostOptions): PythonHostOptions => ({
  pluginDir: plugin.info.dir,
  configuration: plugin.slot.configuration,
  ...(options.python ? { python: options.python } : {}),
  ...(options.isolation ? { isolation: options.isolation } : {}),
  ...(options.timeoutMs ? { defaultTimeoutMs: options.timeoutMs } : {}),
  ...(options.helperPaths ? { helperPaths: options.helperPaths } : {}),
  ...(options.instruments ? { instruments: options.instruments } : {}),
  env: pluginEnvironment(options.env),
});

export interface LoadedPlugin {
  role: PluginRole;
  info: PluginInfo;
  slot: PluginSlot;
}

