import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/plugin/finding.js';

describe('formatFinding', () => {
  it('joins a file inside a zip with a colon', () => {
    expect(formatFinding({ file: 'MANIFEST', line: 3, message: 'bad' }, 'plugins/otp.zip')).toBe('plugins/otp.zip:MANIFEST:3: bad');
  });
  it('joins a file inside a directory with a slash', () => {
    expect(formatFinding({ file: 'MANIFEST', line: 3, message: 'bad' }, 'examples/otp')).toBe('examples/otp/MANIFEST:3: bad');
    expect(formatFinding({ file: 'main.py', message: 'bad' }, 'examples/otp/')).toBe('examples/otp/main.py: bad');
  });
  it('prints a finding about the whole plugin against the path alone', () => {
    expect(formatFinding({ file: '', message: 'too big' }, 'otp.zip')).toBe('otp.zip: too big');
  });
});
