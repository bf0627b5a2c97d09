/** A throwaway project: copies of example plugins and scenario files in a temp dir, for tests that change them. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export class TempProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'sps-tui-project-'));

  /** Copies examples/<name> to <dir>/<as>. */
  plugin(name: string, as = name): string {
    const target = join(this.dir, as);
    cpSync(join(ROOT, 'examples', name), target, { recursive: true });
    return target;
  }

  /** An AA plugin written in the test: `<dir>/MANIFEST` naming it, and `<dir>/main.py`. */
  aaPlugin(dir: string, name: string, description: string, main: string): string {
    mkdirSync(join(this.dir, dir), { recursive: true });
    this.write(`${dir}/MANIFEST`, `name: ${name}\nversion: 1.0.0\ntype: aa\napi: 1.0\ndescription: ${description}\nentry_point: main.py\n`);
    return this.write(`${dir}/main.py`, main);
  }

  write(path: string, text: string): string {
    const file = join(this.dir, path);
    writeFileSync(file, text);
    return file;
  }

  read(path: string): string {
    return readFileSync(join(this.dir, path), 'utf8');
  }

  /** Edits a file of the project in place. */
  edit(path: string, from: string | RegExp, to: string): void {
    const file = join(this.dir, path);
    const text = readFileSync(file, 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`${path} has no ${from}`);
    writeFileSync(file, next);
  }
}
