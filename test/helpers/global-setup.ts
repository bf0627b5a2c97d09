/**
 * Installs sps-tui's Python helpers (vcrpy) once before any test runs, as `sps-tui helpers install`
 * would: tests that set CI must find them installed, whatever order the files run in.
 */
import { ensureHelpers } from '../../src/host/helper-cache.js';

export default async function setup(): Promise<void> {
  await ensureHelpers(process.env.SPS_TUI_PYTHON || 'python3', ['vcrpy'], { install: true, onInstall: (message) => console.log(`sps-tui tests: ${message}`) });
}
