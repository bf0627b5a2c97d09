/** The PluginHost contract, run against both isolation modes with real Python. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonHost } from '../../src/host/python-host.js';
import { createSessionDirs, type SessionDirs } from '../../src/host/state-dirs.js';
import type { CallOptions, Isolation, LogLine, PluginHost } from '../../src/protocol/host.js';
import type { JsonObject } from '../../src/protocol/json.js';
import { authenticateArgs, eventually, fixturePlugin, hookError, isRunning } from '../helpers/host.js';

const CONFIGURATION = '[plugin]\nkey = value\n';

describe.each<Isolation>(['fork', 'spawn'])('PluginHost contract, %s isolation', (isolation) => {
  let host: PluginHost;
  let stateRoot: string;
  let dirs: SessionDirs;

  beforeAll(async () => {
    host = createPythonHost({ pluginDir: fixturePlugin('behaviours'), configuration: CONFIGURATION, isolation });
    stateRoot = await mkdtemp(join(tmpdir(), 'sps-tui-state-test-'));
    dirs = await createSessionDirs({ pluginName: 'behaviours', stateDir: stateRoot });
  });
  afterAll(async () => {
    await host.close();
    await dirs.cleanup();
    await rm(stateRoot, { recursive: true, force: true });
  });

  const run = (testCase: string, options?: CallOptions, extra: JsonObject = {}) =>
    host.call('authenticate', authenticateArgs({ key_value_pairs: { case: testCase }, ...extra }), options);

  describe('arguments and environment', () => {
    it('gives **kwargs every offered name, a fresh Plugin(configuration), the plugin dir as cwd and its lib/', async () => {
      const result = await run('echo', { env: dirs.env });
      expect(result.passed).toEqual(Object.keys(authenticateArgs({ key_value_pairs: {} })));
      expect(result.value).toEqual({
        verdict: 'ACCEPT',
        cookie: {
          configuration: CONFIGURATION,
          server_username: 'root',
          cwd: fixturePlugin('behaviours'),
          lib: 'hello from lib',
          lib_file: join(fixturePlugin('behaviours'), 'lib', '__init__.py'),
          state: join(stateRoot, 'behaviours'),
          ephemeral: dirs.env.EPHEMERAL_PLUGIN_STATE_DIRECTORY,
          stdin: '',
        },
      });
    });

    it('passes a declared subset like (self, session_id, cookie) only those names', async () => {
      const result = await host.call('authorize', authenticateArgs({ cookie: { step: 1 } }));
      expect(result.passed).toEqual(['session_id', 'cookie']);
      expect(result.value).toEqual({ verdict: 'ACCEPT', cookie: { step: 1, authorized: 'ssh-example-1' } });
    });

    it('does not let one call see module globals or class attributes another call changed', async () => {
      const first = await run('state');
      const second = await run('state');
      expect(first.value).toEqual({ verdict: 'ACCEPT', cookie: { calls: 1, counter: 1 } });
      expect(second.value).toEqual(first.value);
    });

    it('runs concurrent calls side by side, each in its own process', async () => {
      const results = await Promise.all([run('state'), run('state'), run('prints')]);
      expect(results[0].value).toEqual({ verdict: 'ACCEPT', cookie: { calls: 1, counter: 1 } });
      expect(results[1].value).toEqual(results[0].value);
      expect(results[2].logs[0]).toEqual({ stream: 'stdout', text: 'first line' });
      expect(results[0].logs).toEqual([]);
    });
  });

  describe('results', () => {
    it('puts results through a JSON round trip: tuples become lists, int keys strings', async () => {
      const result = await run('tuples');
      expect(result.value).toEqual({
        verdict: 'ACCEPT',
        cookie: { pair: [1, 2], ints: { '1': 'one', '2': [3, 4] }, none: null },
      });
    });

    it.each([
      ['datetime', 'result["cookie"]["when"] is a datetime'],
      ['nan', 'result["cookie"]["scores"][1] is NaN'],
      ['set', 'result["session_cookie"]["groups"] is a set'],
      ['bytes', 'result["cookie"]["token"] is bytes'],
      ['object_key', 'result["cookie"] has a key that is a tuple: (1, 2)'],
      ['list', "the result is a list, not a dict or None"],
    ])('rejects a %s result SPS cannot use, naming where it is', async (testCase, problem) => {
      const error = await hookError(run(testCase));
      expect(error.kind).toBe('bad-result');
      expect(error.message).toBe(`authenticate returned a value SPS cannot use: ${problem}`);
    });

    it('returns null for None, and ignores what session_ended returns', async () => {
      expect((await run('none')).value).toBeNull();
      const ended = await host.call('session_ended', { session_id: 's', cookie: {}, session_cookie: {} });
      expect(ended.value).toBeNull();
      expect(ended.passed).toEqual(['session_id', 'cookie']);
    });
  });

  describe('output', () => {
    it('logs every line of stdout and stderr, whatever wrote it, as it comes', async () => {
      const live: LogLine[] = [];
      const result = await run('prints', { onLog: (line) => live.push(line) });
      const stdout = result.logs.filter((line) => line.stream === 'stdout').map((line) => line.text);
      expect(stdout).toEqual([
        'first line',
        'half line',
        '{"verdict": "DENY", "op": "result", "id": 1}',
        'straight to fd 1',
        'binary \uFFFD\uFFFD\u0000 bytes',
        'no newline at the end',
      ]);
      expect(result.logs.filter((line) => line.stream === 'stderr')).toEqual([{ stream: 'stderr', text: 'to stderr' }]);
      expect(result.value).toEqual({ verdict: 'ACCEPT' });
      expect(live).toEqual(result.logs);
    });

    it('captures megabytes of output', async () => {
      const result = await run('big');
      expect(result.logs).toHaveLength(20000);
      expect(result.logs[19999]).toEqual({ stream: 'stdout', text: `19999 ${'x'.repeat(100)}` });
    });
  });

  describe('failures', () => {
    it('reports an exception with its traceback and what was printed before', async () => {
      const error = await hookError(run('raise'));
      expect(error).toMatchObject({ hook: 'authenticate', kind: 'exception', message: 'authenticate raised ValueError: boom' });
      expect(error.traceback).toMatch(/^Traceback \(most recent call last\):/);
      expect(error.traceback).toContain('main.py", line');
      expect(error.traceback).toContain('in case_raise');
      expect(error.traceback).not.toContain('sps_tui_host');
      expect(error.logs).toEqual([{ stream: 'stdout', text: 'about to fail' }]);
      expect(error.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('reports sys.exit() and os._exit() as exits with their status', async () => {
      const exited = await hookError(run('sys_exit'));
      expect(exited.kind).toBe('exit');
      expect(exited.message).toBe('authenticate exited with status 3 (sys.exit) before returning a result');
      expect(exited.logs).toEqual([{ stream: 'stdout', text: 'exiting' }]);
      const hard = await hookError(run('os_exit'));
      expect(hard.kind).toBe('exit');
      expect(hard.message).toBe('authenticate exited with status 4 before returning a result');
      expect(hard.logs).toEqual([{ stream: 'stdout', text: 'leaving now' }]);
    });

    it('reports death by a signal, naming it', async () => {
      const error = await hookError(run('segfault'));
      expect(error.kind).toBe('signal');
      expect(error.message).toBe('authenticate was killed by SIGSEGV');
      expect(error.logs).toEqual([{ stream: 'stdout', text: 'crashing' }]);
    });

    it('kills a hook that never returns within a second of its limit, and stays usable', async () => {
      const started = Date.now();
      const error = await hookError(run('loop', { timeoutMs: 1000 }));
      const elapsed = Date.now() - started;
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('authenticate did not return within 1 s and was killed');
      expect(error.logs).toEqual([{ stream: 'stdout', text: 'looping' }]);
      expect(elapsed).toBeGreaterThanOrEqual(1000);
      // The kill comes at the limit: the host's own measure of the call says so, whatever the machine's load.
      expect(error.durationMs).toBeGreaterThanOrEqual(1000);
      expect(error.durationMs).toBeLessThan(1250);
      expect(elapsed).toBeLessThan(2000);
      expect((await run('none')).value).toBeNull();
    });

    it('kills what the hook started along with it on timeout', async () => {
      const error = await hookError(run('orphan', { timeoutMs: 1000 }));
      expect(error.kind).toBe('timeout');
      const pid = Number(/^child (\d+)$/.exec(error.logs[0]?.text ?? '')?.[1]);
      expect(pid).toBeGreaterThan(0);
      expect(await eventually(() => !isRunning(pid))).toBe(true);
    });

    it('reports a missing hook', async () => {
      const error = await hookError(host.call('get_password_list', authenticateArgs()));
      expect(error).toMatchObject({ kind: 'missing-hook', message: 'Plugin has no get_password_list method' });
    });
  });

  describe('cancellation and a host that stops answering', () => {
    it('cancels a running call through its AbortSignal, killing its process group', async () => {
      const controller = new AbortController();
      let child = 0;
      const started = Date.now();
      const error = await hookError(
        run('orphan', {
          signal: controller.signal,
          onLog: (line) => {
            child = Number(/^child (\d+)$/.exec(line.text)?.[1]);
            controller.abort();
          },
        }),
      );
      expect(error.kind).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(error.logs).toHaveLength(1);
      expect(await eventually(() => !isRunning(child))).toBe(true);
      expect((await run('none')).value).toBeNull();
    });

    it('cancels a call that is still waiting for its server without harming the server', async () => {
      // Runs past the grace a cancel gets: a server killed for an unconfirmed cancel would fail it as `host`.
      const bystander = hookError(run('loop', { timeoutMs: 2_500 }));
      const controller = new AbortController();
      const cancelled = hookError(run('echo', { signal: controller.signal }));
      controller.abort();
      expect((await cancelled).kind).toBe('aborted');
      expect((await bystander).kind).toBe('timeout');
    });

    it('does not start a call whose signal is already aborted', async () => {
      const error = await hookError(run('echo', { signal: AbortSignal.abort() }));
      expect(error.kind).toBe('aborted');
      expect(error.logs).toEqual([]);
    });

    it('kills a server that stops answering after the limit plus a grace period', async () => {
      const error = await hookError(run('stop_host', { timeoutMs: 300 }));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('authenticate did not return within 300 ms; the plugin host stopped answering and was killed');
      const pid = Number(/^hook (\d+)/.exec(error.logs[0]?.text ?? '')?.[1]);
      expect(await eventually(() => !isRunning(pid))).toBe(true);
      expect((await run('none')).value).toBeNull();
    });

    it('reports a server that died under a call as a host failure', async () => {
      const error = await hookError(run('kill_host'));
      expect(error.kind).toBe('host');
      expect(error.message).toMatch(/^the plugin host exited unexpectedly \(killed by SIGKILL\)/);
      const pid = Number(/^hook (\d+)/.exec(error.logs[0]?.text ?? '')?.[1]);
      expect(await eventually(() => !isRunning(pid))).toBe(true);
      expect((await run('none')).value).toBeNull();
    });
  });
});

describe.each<Isolation>(['fork', 'spawn'])('plugins that fail to load, or print while loading (%s isolation)', (isolation) => {
  const withHost = async (plugin: string, use: (host: PluginHost) => Promise<void>) => {
    const host = createPythonHost({ pluginDir: fixturePlugin(plugin), configuration: '', isolation });
    try {
      await use(host);
    } finally {
      await host.close();
    }
  };

  it('reports an import failure of main.py as a load error with its traceback and output', async () => {
    await withHost('import_error', async (host) => {
      const error = await hookError(host.call('authenticate', authenticateArgs()));
      expect(error.kind).toBe('load');
      expect(error.message).toBe(
        "main.py could not be imported: ModuleNotFoundError: No module named 'no_such_module_for_sps_tui'",
      );
      expect(error.traceback).toContain('main.py", line 4');
      expect(error.logs).toEqual([{ stream: 'stdout', text: 'loading the plugin' }]);
    });
  });

  it('reports a main.py without a Plugin class as a load error', async () => {
    await withHost('no_plugin_class', async (host) => {
      const error = await hookError(host.call('authenticate', authenticateArgs()));
      expect(error).toMatchObject({ kind: 'load', message: 'main.py defines no Plugin class' });
    });
  });

  it("logs what main.py prints at import and at exit in every call, as SPS's per-call process does", async () => {
    await withHost('import_prints', async (host) => {
      for (let call = 0; call < 2; call++) {
        const result = await host.call('authenticate', authenticateArgs());
        expect(result.passed).toEqual(['cookie']);
        expect(result.logs.filter((line) => line.stream === 'stdout').map((line) => line.text)).toEqual([
          'importing main.py',
          'in authenticate',
          'atexit handler',
        ]);
        expect(result.logs).toContainEqual({ stream: 'stderr', text: 'import warning' });
      }
    });
  });
});

describe('argument filtering of declared subsets', () => {
  let host: PluginHost;
  beforeAll(() => {
    host = createPythonHost({ pluginDir: fixturePlugin('credstore'), configuration: '' });
  });
  afterAll(() => host.close());

  const offered = authenticateArgs({ cookie: { n: 1 }, server_ip: '5.6.7.8', target_host: '5.6.7.8' });

  it('passes declared names SPS offers and leaves the defaults of those it does not', async () => {
    const result = await host.call('get_password_list', offered);
    expect(result.passed).toEqual(['session_id', 'cookie', 'server_username']);
    expect(result.value).toEqual({
      passwords: ['pw-for-root'],
      cookie: { session_id: 'ssh-example-1', not_offered: 'its default', seen: { n: 1 } },
    });
  });

  it('gives a hook declaring a name and **kwargs every name', async () => {
    const result = await host.call('get_private_key_list', offered);
    expect(result.passed).toEqual(Object.keys(offered));
    expect(result.value).toEqual({
      private_keys: [['ssh-rsa', 'PEM TEXT']],
      cookie: { names: Object.keys(offered).filter((name) => name !== 'cookie').sort() },
    });
  });

  it('accepts None from authentication_completed', async () => {
    expect((await host.call('authentication_completed', offered)).value).toBeNull();
  });
});
