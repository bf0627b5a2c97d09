/**
 * What the sessions of one run (`test`, `replay`) share. A plugin is read once: a directory
 * listed, hashed and its MANIFEST parsed, a zip extracted once and removed when the run ends, as
 * SPS runs every session from the one copy it installed. And warm hosts: a fork-mode host forks a
 * fresh child for every call, so sharing it across sessions shares no state; only the cost of
 * starting Python and importing main.py is saved.
 */
import { resolve } from 'node:path';
import { createPythonHost } from '../host/python-host.js';
import { loadPlugin, type LoadResult } from '../plugin/load.js';
import type { PluginHost } from '../protocol/host.js';
import { pythonHostOptions, type HostOptions, type LoadedPlugin, type SharedHosts } from './host-options.js';

export class HostPool implements SharedHosts {
  /** Warm hosts by plugin and settings; each serves one session at a time, so parallel sessions use parallel servers. */
  private readonly hosts = new Map<string, Array<{ host: PluginHost; busy: boolean }>>();
  private readonly readings = new Map<string, Promise<LoadResult>>();
  /** Plugin directories read through this pool, and what removes the extracted ones. */
  private readonly shared = new Set<string>();
  private readonly removals: Array<() => Promise<void>> = [];

  /** loadPlugin, once per path and run; the plugin's own cleanup is the pool's, at close(). */
  loadPlugin(path: string): Promise<LoadResult> {
    const key = resolve(path);
    let reading = this.readings.get(key);
    if (!reading) this.readings.set(key, (reading = this.readOnce(key)));
    return reading;
  }

  private async readOnce(path: string): Promise<LoadResult> {
    const result = await loadPlugin(path);
    if (!result.ok) return result;
    this.shared.add(result.plugin.dir);
    this.removals.push(result.plugin.cleanup);
    return { ok: true, plugin: { ...result.plugin, cleanup: async () => undefined } };
  }

  /** A warm host to use until `release`, or undefined where sharing could change behaviour (spawn mode, a zip extracted per session). */
  acquire(plugin: LoadedPlugin, options: HostOptions): PluginHost | undefined {
    const lasting = this.shared.has(plugin.info.dir) || plugin.info.dir === resolve(plugin.info.source);
    if (options.isolation === 'spawn' || !lasting) return undefined;
    const described = pythonHostOptions(plugin, options);
    const key = JSON.stringify([described, plugin.info.sha256]);
    const hosts = this.hosts.get(key) ?? [];
    this.hosts.set(key, hosts);
    let entry = hosts.find((h) => !h.busy);
    if (!entry) {
      const host = createPythonHost(described);
      entry = { host, busy: false };
      hosts.push(entry);
    }
    entry.busy = true;
    return entry.host;
  }

  release(host: PluginHost): void {
    for (const hosts of this.hosts.values()) for (const entry of hosts) if (entry.host === host) entry.busy = false;
  }

  async close(): Promise<void> {
    const hosts = [...this.hosts.values()].flat().map((entry) => entry.host);
    this.hosts.clear();
    await Promise.all(hosts.map((host) => host.close().catch(() => undefined)));
    this.readings.clear();
    this.shared.clear();
    await Promise.all(this.removals.splice(0).map((remove) => remove().catch(() => undefined)));
  }
}
