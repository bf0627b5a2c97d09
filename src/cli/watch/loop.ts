/**
 * The watch loop shared by `test --watch` and `replay --watch`: a first run, then a run of what
 * each change affects; keys as vitest's (a all, f failed, u update the failed, p filter, q quit,
 * Enter again). Files come through chokidar; the terminal is the user's, cleared before each run.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { ExitCode } from '../../errors.js';
import { summaryLine } from '../../report/text.js';
import { HostPool } from '../../runner/host-pool.js';
import { exitCodeOf, summarize, type CaseResult } from '../../report/types.js';
import { affected, byFilter, pluginsChanged, type WatchCase } from './cases.js';

export interface WatchTarget {
  /** 'scenarios' or 'recordings', for messages. */
  what: string;
  /** What the user named (folders included, so new files are seen). */
  roots: string[];
  /** Every case, read again (a scenario file that changed may hold new ones). */
  load(): Promise<WatchCase[]>;
  /** Runs these cases on the loop's warm hosts, each printed as it ends; `update` rewrites the recordings that differ. */
  run(cases: WatchCase[], pool: HostPool, update: boolean, text: (s: string) => void): Promise<CaseResult[]>;
}

const IGNORED = /(^|[/\\])(\.git|node_modules|__pycache__|\.sps-tui-tmp|coverage)([/\\]|$)/;
const SETTLE_MS = 120;

type Request = { kind: 'all' } | { kind: 'failed'; update: boolean } | { kind: 'changed'; files: string[] };

export async function watchLoop(target: WatchTarget, initialFilter?: string): Promise<number> {
  const out = (s: string): void => void process.stdout.write(s);
  const tty = process.stdout.isTTY === true;
  let cases: WatchCase[] = [];
  let failed = new Set<string>();
  let filter = initialFilter;
  let lastCode: number = ExitCode.ok;
  let running = false;
  let queued: Request | undefined;
  let pending: string[] = [];
  let settle: NodeJS.Timeout | undefined;
  let prompt: string | undefined;
  let finish!: (code: number) => void;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let watcher: FSWatcher | undefined;
  // Kept across runs; a plugin's change replaces it, so main.py is imported and the plugin read again.
  let pool = new HostPool();
  // Files a run wrote (recordings), with the modification time it left: their events are its own.
  const own = new Map<string, number>();
  const mtime = (file: string): number | undefined => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
  };
  const isOwn = (file: string): boolean => own.has(file) && own.get(file) === mtime(file);

  const help = (): void => {
    const narrowed = filter ? ` · filter "${filter}"` : '';
    out(`\nwatching ${cases.length} ${target.what}${narrowed} · ${process.stdin.isTTY ? 'a all · f failed · u update failed · p filter · q quit' : 'Ctrl-C quits'}\n`);
  };

  const reload = async (): Promise<boolean> => {
    try {
      cases = await target.load();
      watcher?.add([...new Set(cases.flatMap((c) => c.depends))]);
      return true;
    } catch (error) {
      out(`\n${error instanceof Error ? error.message : String(error)}\n`);
      return false;
    }
  };

  const execute = async (request: Request): Promise<void> => {
    if (running) {
      queued = request.kind === 'changed' && queued?.kind === 'changed' ? { kind: 'changed', files: [...queued.files, ...request.files] } : request;
      return;
    }
    running = true;
    try {
      let selection: WatchCase[];
      let why: string;
      if (request.kind === 'changed') {
        const files = request.files.filter((file) => !isOwn(file));
        if (files.length === 0) return;
        request = { kind: 'changed', files };
        // A scenario or recording file may have gained or lost cases.
        if (!(await reload())) return help();
        if (pluginsChanged(cases, request.files)) {
          const stale = pool;
          pool = new HostPool();
          await stale.close();
        }
        selection = affected(cases, request.files);
        const shown = [...new Set(request.files)].map((f) => f.replace(`${process.cwd()}/`, ''));
        why = `changed: ${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ` and ${shown.length - 3} more` : ''}`;
        if (selection.length === 0) return void out(`\n${why}: no ${target.what} depend on it\n`);
      } else if (request.kind === 'failed') {
        selection = cases.filter((c) => failed.has(c.id));
        why = request.update ? 'updating the recordings of the failed' : 'the failed only';
        if (selection.length === 0) return void out('\nnothing failed\n');
      } else {
        selection = cases;
        why = `all ${target.what}`;
      }
      selection = byFilter(selection, filter);
      if (tty) out('\x1b[2J\x1b[3J\x1b[H');
      out(`sps-tui ${target.what === 'scenarios' ? 'test' : 'replay'} --watch: ${why}\n\n`);
      if (selection.length === 0) {
        out(`no ${target.what} named like "${filter}"\n`);
        return help();
      }
      const started = performance.now();
      const results = await target.run(selection, pool, request.kind === 'failed' && request.update, out);
      for (const file of selection.flatMap((c) => c.writes)) {
        const time = mtime(file);
        if (time !== undefined) own.set(file, time);
      }
      results.forEach((result, i) => {
        const id = selection[i]!.id;
        if (result.status === 'passed' || result.status === 'skipped') failed.delete(id);
        else failed.add(id);
      });
      // Cases that no longer exist cannot stay failed.
      failed = new Set([...failed].filter((id) => cases.some((c) => c.id === id)));
      lastCode = exitCodeOf(results);
      out(`\n${summaryLine(summarize(results, performance.now() - started))} · ${new Date().toLocaleTimeString()}\n`);
      help();
    } finally {
      running = false;
      const next = queued ?? (pending.length ? { kind: 'changed' as const, files: pending.splice(0) } : undefined);
      queued = undefined;
      if (next) void execute(next);
    }
  };

  const changed = (path: string): void => {
    pending.push(resolve(path));
    if (running) return;
    clearTimeout(settle);
    // An editor's save is several events (write, rename, chmod): one run for all of them.
    settle = setTimeout(() => {
      if (!running && pending.length) void execute({ kind: 'changed', files: pending.splice(0) });
    }, SETTLE_MS);
  };

  const quit = (code: number): void => finish(code);

  const onKey = (data: Buffer): void => {
    const text = data.toString('utf8');
    if (text === '\x03') return quit(ExitCode.interrupted);
    if (prompt !== undefined) {
      for (const ch of text) {
        if (ch === '\r' || ch === '\n') {
          filter = prompt.trim() || undefined;
          prompt = undefined;
          out('\n');
          void execute({ kind: 'all' });
          return;
        }
        if (ch === '\x1b') {
          prompt = undefined;
          out('\n');
          return help();
        }
        if (ch === '\x7f' || ch === '\b') {
          if (prompt.length) {
            prompt = prompt.slice(0, -1);
            out('\b \b');
          }
        } else if (ch >= ' ') {
          prompt += ch;
          out(ch);
        }
      }
      return;
    }
    switch (text) {
      case 'q':
        return quit(lastCode);
      case 'a':
      case '\r':
        return void execute({ kind: 'all' });
      case 'f':
        return void execute({ kind: 'failed', update: false });
      case 'u':
        return void execute({ kind: 'failed', update: true });
      case 'p':
        prompt = '';
        out(`\nfilter by name (Enter: apply, empty: none, Esc: cancel): `);
        return;
    }
  };

  const onSigint = (): void => quit(ExitCode.interrupted);
  process.on('SIGINT', onSigint);
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.on('data', onKey);
  }
  try {
    if (!(await reload())) return ExitCode.usage;
    watcher = watch([...new Set([...target.roots.map((r) => resolve(r)), ...cases.flatMap((c) => c.depends)])], {
      ignored: (path) => IGNORED.test(path),
      ignoreInitial: true,
    });
    watcher.on('add', changed).on('change', changed).on('unlink', changed);
    await new Promise<void>((ready) => watcher!.once('ready', () => ready()));
    void execute({ kind: 'all' });
    return await finished;
  } finally {
    process.off('SIGINT', onSigint);
    if (process.stdin.isTTY) {
      process.stdin.off('data', onKey);
      process.stdin.setRawMode(false);
      process.stdin.pause();
    }
    clearTimeout(settle);
    await watcher?.close();
    await pool.close();
  }
}
