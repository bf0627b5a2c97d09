/**
 * Warm plugin hosts shared by the sessions of one run (`test`, `replay`). A fork-mode host forks a
 * fresh child for every call, so sharing it across sessions shares no state: only the cost of
 * starting Python and importing main.py is saved. Plugin directories are read (listed, hashed,
 * their MANIFEST parsed) once per run for the same reason.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPythonHost } from '../host/python-host.js';
import { loadPlugin, type LoadResult } from '../plugin/load.js';
import type { PluginHost } from '../protocol/host.js';
import type { HostOptions, LoadedPlugin } from './plugins.js';

export class HostPool {
  /** Warm hosts by plugin and settings; each serves one session at a time, so parallel sessions use parallel servers. */
  private readonly hosts = new Map<string, Array<{ host: PluginHost; busy: boolean }>>();
  private readonly readings = new Map<string, Promise<LoadResult>>();

  /** loadPlugin, remembered for directories; a zip is extracted afresh for each session, which removes it when done. */
  loadPlugin(path: string): Promise<LoadResult> {
    const key = resolve(path);
    if (!isDirectory(key)) return loadPlugin(path);
    let reading = this.readings.get(key);
    if (!reading) this.readings.set(key, (reading = loadPlugin(key)));
    return reading;
  }

  /** A warm host to use until `release`, or undefined where sharing could change behaviour (spawn mode, an extracted zip). */
  acquire(plugin: LoadedPlugin, options: HostOptions): PluginHost | undefined {
    if (options.isolation === 'spawn' || plugin.info.dir !== plugin.info.source) return undefined;
    const key = JSON.stringify([plugin.info.dir, plugin.info.sha256, plugin.slot.configuration, options.python ?? null, options.timeoutMs ?? null]);
    const hosts = this.hosts.get(key) ?? [];
    this.hosts.set(key, hosts);
    let entry = hosts.find((h) => !h.busy);
    if (!entry) {
      const host = createPythonHost({
        pluginDir: plugin.info.dir,
        configuration: plugin.slot.configuration,
        ...(options.python ? { python: options.python } : {}),
        ...(options.timeoutMs ? { defaultTimeoutMs: options.timeoutMs } : {}),
      });
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
  }
}

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
