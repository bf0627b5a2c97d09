import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/plugin/manifest.js';

const base = (api: string): string =>
  `name: otp\ndescription: One-time passwords\nversion: 1.0\ntype: aa\napi: ${api}\nentry_point: main.py\n`;

describe('parseManifest', () => {
  it('keeps the api as written, not as a YAML float', () => {
    expect(parseManifest(base('1.10')).manifest?.api).toBe('1.10');
    expect(parseManifest(base('1.2')).manifest?.api).toBe('1.2');
    expect(parseManifest(base('"1.3"')).manifest?.api).toBe('1.3');
  });

  it('keeps a numeric version as written', () => {
    expect(parseManifest(base('1.0')).manifest?.version).toBe('1.0');
  });

  it('puts each finding on the line of its key', () => {
    const result = parseManifest('name: otp\ndescription: x\nversion: v2\ntype: aa\napi: 1\nentry_point: main.py\n');
    expect(result.findings).toEqual([
      { file: 'MANIFEST', line: 3, message: 'version "v2" must begin with a digit' },
      { file: 'MANIFEST', line: 5, message: 'api "1" must be <major>.<minor>, e.g. 1.8' },
    ]);
    expect(result.manifest).toBeUndefined();
  });

  it('reports missing and empty keys', () => {
    const result = parseManifest('name: otp\ndescription:\nversion: 1\napi: 1.0\nentry_point: main.py\n');
    expect(result.findings).toEqual([
      { file: 'MANIFEST', line: 2, message: '"description" is empty' },
      { file: 'MANIFEST', message: 'required key "type" is missing' },
    ]);
  });

  it('refuses one-letter names, as SPS does', () => {
    expect(parseManifest(base('1.0').replace('name: otp', 'name: o')).findings[0]?.message).toMatch(/name "o" must start/);
  });

  it('refuses an entry_point outside the root', () => {
    const result = parseManifest(base('1.0').replace('entry_point: main.py', 'entry_point: lib/main.py'));
    expect(result.findings).toEqual([{ file: 'MANIFEST', line: 6, message: expect.stringMatching(/must be a file in the plugin's root/) }]);
  });

  it('reports duplicate keys and YAML errors with their line', () => {
    expect(parseManifest('name: a1\nname: b1\n').findings[0]).toEqual({
      file: 'MANIFEST',
      line: 2,
      message: 'not valid YAML: Map keys must be unique',
    });
  });

  it('reports an empty file and a list', () => {
    expect(parseManifest('').findings[0]?.message).toMatch(/^empty/);
    expect(parseManifest('# c\n- a\n').findings[0]).toEqual({ file: 'MANIFEST', line: 2, message: expect.stringMatching(/found a list/) });
  });

  it('reports a non-scalar value', () => {
    const result = parseManifest(base('1.0').replace('name: otp', 'name: [otp]'));
    expect(result.findings[0]).toEqual({ file: 'MANIFEST', line: 1, message: '"name" must be a single value, found a list' });
  });

  it('keeps optional keys and unknown ones', () => {
    const result = parseManifest(`${base('1.0')}scb_max_version: 5.11.0~\nscb_min_version: 6.0\nauthor: me`);
    expect(result.findings).toEqual([]);
    expect(result.manifest).toMatchObject({ scbMaxVersion: '5.11.0~', scbMinVersion: '6.0', raw: { author: 'me' } });
  });
});
