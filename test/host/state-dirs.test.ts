/** The two state directories SPS gives a plugin. */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionDirs, stateRoot } from '../../src/host/state-dirs.js';

describe('createSessionDirs', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('keeps the persistent directory across sessions and gives each session a fresh ephemeral one', async () => {
    root = await mkdtemp(join(tmpdir(), 'sps-tui-state-'));
    const first = await createSessionDirs({ pluginName: 'my_plugin', stateDir: root });
    expect(first.env.SCB_PLUGIN_STATE_DIRECTORY).toBe(join(root, 'my_plugin'));
    await writeFile(join(first.env.SCB_PLUGIN_STATE_DIRECTORY, 'kept'), 'x');
    await writeFile(join(first.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY, 'dropped'), 'x');
    await first.cleanup();
    await expect(stat(first.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY)).rejects.toThrow();

    const second = await createSessionDirs({ pluginName: 'my_plugin', stateDir: root });
    expect(await readdir(second.env.SCB_PLUGIN_STATE_DIRECTORY)).toEqual(['kept']);
    expect(await readdir(second.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY)).toEqual([]);
    expect(second.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY).not.toBe(first.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY);
    await second.cleanup();
  });

  it('keeps a strange plugin name inside the root', async () => {
    root = await mkdtemp(join(tmpdir(), 'sps-tui-state-'));
    const dirs = await createSessionDirs({ pluginName: '../escape', stateDir: root });
    expect(dirs.env.SCB_PLUGIN_STATE_DIRECTORY).toBe(join(root, '__escape'));
    await dirs.cleanup();
  });

  it('defaults to the user cache directory', () => {
    expect(stateRoot({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/sps-tui/state');
    expect(stateRoot({})).toBe(join(homedir(), '.cache', 'sps-tui', 'state'));
  });
});
