// The Python host ships as source beside the JavaScript that starts it, compiled ahead of time:
// a global install is often not writable by its user, and then every interpreter start (every
// call in spawn mode) would compile the host again. checked-hash .pyc files stay valid when a
// package manager resets file times, and a Python of another version simply compiles its own.
import { cpSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/host/python', import.meta.url));

export function copyPythonHost(target) {
  cpSync(source, target, { recursive: true, filter: (path) => !path.includes('__pycache__') });
  // Best effort: with no python3 at build time the host still runs, only compiles at start.
  spawnSync(process.env.SPS_TUI_PYTHON ?? 'python3', ['-m', 'compileall', '-q', '--invalidation-mode', 'checked-hash', target], { stdio: 'ignore' });
}
