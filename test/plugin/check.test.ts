import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PythonNotFoundError } from '../../src/host/python-host.js';
import { checkPlugin } from '../../src/plugin/check.js';
import { BROKEN, GOOD, copyFixture, tempDir } from './helpers.js';
import { zipDirectory } from './zip-helper.js';

async function findingsOf(path: string, options = {}) {
  const result = await checkPlugin(path, options);
  await result.plugin?.cleanup();
  return result.findings;
}

describe('checkPlugin: good plugins', () => {
  it.each(['good-aa', 'good-credentialstore', 'manifest-quirks'])('%s has no findings', async (fixture) => {
    const result = await checkPlugin(join(GOOD, fixture));
    expect(result.findings).toEqual([]);
    expect(result.plugin?.manifest.name).toBeTruthy();
    expect(result.pythonVersion).toMatch(/^3\.\d+\.\d+$/);
    await result.plugin?.cleanup();
  });

  it('a zip: introspects the extracted copy, the caller cleans up', async () => {
    const root = await tempDir('extract');
    const zip = join(await tempDir('zip'), 'good.zip');
    zipDirectory(join(GOOD, 'good-aa'), zip);
    const result = await checkPlugin(zip, { tempDir: root });
    expect(result.findings).toEqual([]);
    expect(await readdir(root)).toHaveLength(1);
    await result.plugin?.cleanup();
    expect(await readdir(root)).toEqual([]);
  });
});

describe('checkPlugin: what importing main.py finds', () => {
  it.each([
    ['syntax-error', [{ file: 'main.py', line: 6, message: expect.stringMatching(/^could not be imported: SyntaxError: /) }]],
    [
      'import-error',
      [{ file: 'main.py', line: 3, message: "could not be imported: ModuleNotFoundError: No module named 'no_such_module_for_sps_tui'" }],
    ],
    ['no-plugin-class', [{ file: 'main.py', message: 'defines no Plugin class' }]],
    [
      'missing-hooks-aa',
      [
        { file: 'main.py', line: 5, message: 'Plugin has no authorize method (an aa plugin needs authenticate, authorize, session_ended)' },
        { file: 'main.py', line: 5, message: 'Plugin has no session_ended method (an aa plugin needs authenticate, authorize, session_ended)' },
      ],
    ],
    [
      'missing-hooks-credentialstore',
      [
        {
          file: 'main.py',
          line: 2,
          message:
            'Plugin has no authentication_completed method (a credentialstore plugin needs authentication_completed, session_ended, get_password_list or get_private_key_list)',
        },
        {
          file: 'main.py',
          line: 2,
          message:
            'Plugin has neither get_password_list nor get_private_key_list (a credentialstore plugin needs authentication_completed, session_ended, get_password_list or get_private_key_list)',
        },
      ],
    ],
    [
      'constructor-no-configuration',
      [{ file: 'main.py', line: 2, message: expect.stringMatching(/^Plugin\(configuration\) fails: __init__ must accept/) }],
    ],
  ])('%s', async (fixture, findings) => {
    const result = await checkPlugin(join(BROKEN, fixture));
    expect(result.findings).toEqual(findings);
    // The static checks passed: the plugin is handed over even though Python found problems.
    expect(result.plugin).toBeDefined();
    await result.plugin?.cleanup();
  });

  it('still imports main.py when the MANIFEST has problems, and skips hooks when the type is unknown', async () => {
    expect(await findingsOf(join(BROKEN, 'wrong-type'))).toEqual([
      expect.objectContaining({ file: 'MANIFEST', line: 4 }),
    ]);
    expect(await findingsOf(join(BROKEN, 'legacy-python2'))).toEqual([
      expect.objectContaining({ file: 'MANIFEST', message: expect.stringMatching(/legacy Python 2\.6/) }),
    ]);
  });

  it('does not start Python without a main.py', async () => {
    expect(await findingsOf(join(BROKEN, 'missing-main'), { python: '/nonexistent/python3' })).toEqual([
      expect.objectContaining({ file: 'main.py' }),
    ]);
  });

  it('reports an entry_point other than main.py', async () => {
    const dir = await copyFixture(join(GOOD, 'good-aa'));
    const manifest = join(dir, 'MANIFEST');
    const { readFile } = await import('node:fs/promises');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('entry_point: main.py', 'entry_point: plugin.py'));
    expect(await findingsOf(dir)).toEqual([
      { file: 'MANIFEST', line: 6, message: 'entry_point plugin.py: sps-tui runs main.py only (and there is no plugin.py)' },
    ]);
  });
});

describe('checkPlugin --api', () => {
  const api110 = join(BROKEN, 'api-1-10');

  it('reads api: 1.10 as 1.10, refused by 1.9 on the api line', async () => {
    expect(await findingsOf(api110, { api: '1.9' })).toEqual([
      { file: 'MANIFEST', line: 5, message: 'api 1.10 is not accepted by plugin API 1.9: SPS accepts 1.0 to 1.9' },
    ]);
  });

  it.each(['1.10', '1.11'])('accepted by %s', async (api) => {
    expect(await findingsOf(api110, { api })).toEqual([]);
  });

  it('refused by another major version', async () => {
    expect(await findingsOf(api110, { api: '2.10' })).toEqual([
      { file: 'MANIFEST', line: 5, message: 'api 1.10 is not accepted by plugin API 2.10: SPS accepts 2.0 to 2.10' },
    ]);
  });

  it('throws on an appliance level that is not <major>.<minor>', async () => {
    await expect(checkPlugin(api110, { api: 'latest' })).rejects.toThrow(RangeError);
  });
});

describe('checkPlugin: no usable interpreter', () => {
  it('throws the host error (exit 4) and leaves no temporary directory', async () => {
    const root = await tempDir('extract');
    const zip = join(await tempDir('zip'), 'good.zip');
    zipDirectory(join(GOOD, 'good-aa'), zip);
    const error = await checkPlugin(zip, { python: '/nonexistent/python3', tempDir: root }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PythonNotFoundError);
    expect((error as PythonNotFoundError).exitCode).toBe(4);
    expect(await readdir(root)).toEqual([]);
  });
});

describe('introspectionFindings', () => {
  it('says where the Plugin SDK comes from when it is missing', async () => {
    const { introspectionFindings } = await import('../../src/plugin/check.js');
    const findings = introspectionFindings(
      {
        error: { message: "main.py could not be imported: ModuleNotFoundError: No module named 'safeguard'", line: 3 },
        hasPluginClass: false,
        constructorTakesConfiguration: false,
        hooks: {},
        pythonVersion: '3.11.7',
      },
      'main.py',
      'aa',
    );
    expect(findings).toEqual([
      {
        file: 'main.py',
        line: 3,
        message:
          "could not be imported: ModuleNotFoundError: No module named 'safeguard'; SPS provides the Plugin SDK, install oneidentity-safeguard-sessions-plugin-sdk into this Python",
      },
    ]);
  });
});
