/** The built binary in a real terminal: tmux at a fixed size, keys in, screen text out. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let counter = 0;

export class TmuxSession {
  readonly name = `sps-tui-test-${process.pid}-${counter++}`;
  private readonly exitFile: string;

  constructor(command: string, cwd: string, size = { columns: 80, rows: 24 }) {
    this.exitFile = join(mkdtempSync(join(tmpdir(), 'sps-tui-tmux-')), 'exit');
    // The exit code goes to a file; the pane stays open so its last screen can still be read.
    // TMPDIR is given, not inherited: a tmux server left from an earlier run keeps that run's
    // (removed) temporary root in its environment.
    const tmp = process.env.TMPDIR ? `TMPDIR=${process.env.TMPDIR} ` : '';
    const shell = `env -u CI -u GITHUB_ACTIONS ${tmp}TERM=xterm-256color NO_COLOR=1 ${command}; echo $? > ${this.exitFile}; sleep 600`;
    // Ink draws only the last frame when it believes it runs in CI, so CI is unset for the program.
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', String(size.columns), '-y', String(size.rows), '-c', cwd, shell]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** Polls the screen until `predicate` holds; fails with the last screen after `timeoutMs`. */
  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (predicate(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for the screen; it shows:\n${screen}`);
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const text = readFileSync(this.exitFile, 'utf8').trim();
        if (text) return Number(text);
      } catch {
        // not written yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the program did not exit; the screen shows:\n${this.screen()}`);
  }

  close(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
