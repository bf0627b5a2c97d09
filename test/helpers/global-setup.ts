/**
 * Before any test: sps-tui's Python helpers (vcrpy) are installed once, as `sps-tui helpers
 * install` would, so tests that set CI find them whatever order the files run in. Every temporary
 * directory of the run (test projects, plugin copies, tmux exit files, what sps-tui and Python
 * make) goes under one root, removed at the end even when tests failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHelpers } from '../../src/host/helper-cache.js';

export default async function setup(): Promise<() => void> {
  await ensureHelpers(process.env.SPS_TUI_PYTHON || 'python3', ['vcrpy', 'coverage', 'debugpy'], { install: true, onInstall: (message) => console.log(`sps-tui tests: ${message}`) });
  const root = mkdtempSync(join(tmpdir(), 'sps-tui-tests-'));
  // Workers and every process they start inherit it, so os.tmpdir() and Python's tempfile land here.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
