/**
 * Warm plugin hosts shared by the sessions of one run (`test`, `replay`). A fork-mode host forks a
 * fresh child for every call, so sharing it across sessions shares no state: only the cost of
 * starting Python and importing main.py is saved.
 */
import { createPythonHost } from '../host/python-host.js';
import type { PluginHost } from '../protocol/host.js';
import type { HostOptions, LoadedPlugin } from './plugins.js';

export class HostPool {
  private readonly hosts = new Map<string, PluginHost>();

  /** A shared host, or undefined where sharing could change behaviour (spawn mode, an extracted zip). */
  acquire(plugin: LoadedPlugin, options: HostOptions): PluginHost | undefined {
    if (options.isolation === 'spawn' || plugin.info.dir !== plugin.info.source) return undefined;
    const key = JSON.stringify([plugin.info.dir, plugin.info.sha256, plugin.slot.configuration, options.python ?? null, options.timeoutMs ?? null]);
    let host = this.hosts.get(key);
    if (!host) {
      host = createPythonHost({
        pluginDir: plugin.info.dir,
        configuration: plugin.slot.configuration,
        ...(options.python ? { python: options.python } : {}),
        ...(options.timeoutMs ? { defaultTimeoutMs: options.timeoutMs } : {}),
      });
      this.hosts.set(key, host);
    }
    return host;
  }

  async close(): Promise<void> {
    const hosts = [...this.hosts.values()];
    this.hosts.clear();
    await Promise.all(hosts.map((host) => host.close().catch(() => undefined)));
  }
}
