/** inspectPlugin: what importing main.py reveals, without constructing Plugin or calling a hook. */
import { describe, expect, it } from 'vitest';
import { inspectPlugin } from '../../src/host/python-host.js';
import { fixturePlugin } from '../helpers/host.js';

describe('inspectPlugin', () => {
  it('lists the hook methods with their parameters, **kwargs and lines', async () => {
    const found = await inspectPlugin(fixturePlugin('behaviours'));
    expect(found.error).toBeUndefined();
    expect(found.hasPluginClass).toBe(true);
    expect(found.constructorTakesConfiguration).toBe(true);
    expect(found.pythonVersion).toMatch(/^3\.\d+\.\d+$/);
    expect(found.hooks).toEqual({
      authenticate: { parameters: [], varKeyword: true, line: 21 },
      authorize: { parameters: ['session_id', 'cookie'], varKeyword: false, line: 25 },
      session_ended: { parameters: ['session_id', 'cookie'], varKeyword: false, line: 28 },
    });
  });

  it('neither constructs Plugin nor calls a hook, and sees through decorators and static methods', async () => {
    const found = await inspectPlugin(fixturePlugin('no_config_constructor'));
    expect(found.error).toBeUndefined();
    expect(found.constructorTakesConfiguration).toBe(false);
    expect(found.hooks.authenticate).toEqual({ parameters: ['session_id', 'cookie', 'protocol'], varKeyword: true, line: 16 });
    expect(found.hooks.authorize).toMatchObject({ parameters: ['cookie'], varKeyword: false });
    expect(found.hooks.session_ended).toMatchObject({ parameters: ['session_id'], varKeyword: false });
    expect(Object.keys(found.hooks)).not.toContain('helper');
  });

  it('reports a SyntaxError with its line', async () => {
    const found = await inspectPlugin(fixturePlugin('syntax_error'));
    expect(found.hasPluginClass).toBe(false);
    expect(found.error?.message).toMatch(/^main\.py could not be imported: SyntaxError: /);
    expect(found.error?.line).toBe(4);
    expect(found.error?.traceback).toContain('main.py", line 4');
  });

  it('reports an import failure with its traceback and the line in main.py', async () => {
    const found = await inspectPlugin(fixturePlugin('import_error'));
    expect(found.error).toMatchObject({
      message: "main.py could not be imported: ModuleNotFoundError: No module named 'no_such_module_for_sps_tui'",
      line: 4,
    });
    expect(found.error?.traceback).toContain('Traceback (most recent call last)');
  });

  it('reports a main.py without a Plugin class', async () => {
    const found = await inspectPlugin(fixturePlugin('no_plugin_class'));
    expect(found).toMatchObject({ hasPluginClass: false, hooks: {}, error: { message: 'main.py defines no Plugin class' } });
  });

  it('reports a directory without main.py', async () => {
    const found = await inspectPlugin(fixturePlugin('does-not-exist'));
    expect(found.error?.message).toMatch(/^main\.py could not be imported: FileNotFoundError/);
  });
});
