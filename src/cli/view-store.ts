/**
 * Keeps the SessionView of a live session current from machine snapshots and log lines, and tells
 * subscribers (the Ink app, the plain printer) when it changed.
 */
import type { PendingCall, SessionInput } from '../engine/context.js';
import type { SessionSnapshot } from '../engine/run-session.js';
import { toSessionView } from '../engine/view.js';
import type { LogLine } from '../protocol/host.js';
import type { PluginBadge, SessionView } from '../protocol/view.js';
import type { PluginRole, TranscriptEvent } from '../protocol/session.js';
import type { LoadedPlugin } from '../runner/plugins.js';

export class ViewStore {
  private view: SessionView | undefined;
  private readonly listeners = new Set<() => void>();
  private plugins: Partial<Record<PluginRole, PluginBadge>> = {};
  private liveLogs: LogLine[] = [];
  private call: PendingCall | undefined;
  private callStartedAt: number | undefined;
  private caption: string | undefined;

  constructor(private readonly captioner?: (event: TranscriptEvent, before: TranscriptEvent[]) => string | undefined) {}

  readonly begin = (plugins: LoadedPlugin[], input: SessionInput): void => {
    this.plugins = Object.fromEntries(
      plugins.map((p) => [p.role, { name: p.info.manifest.name, version: p.info.manifest.version, type: p.info.manifest.type }]),
    );
    const c = input.connection;
    this.set({ status: 'running', plugins: this.plugins, connection: c, transcript: [], cookies: {}, session_cookie: {}, key_value_pairs: c.key_value_pairs, liveLogs: [] });
  };

  readonly onSnapshot = (snapshot: SessionSnapshot): void => {
    if (snapshot.context.call !== this.call) {
      this.call = snapshot.context.call;
      this.callStartedAt = Date.now();
      this.liveLogs = [];
    }
    const view = toSessionView(snapshot, {
      plugins: this.plugins,
      liveLogs: this.liveLogs,
      ...(this.callStartedAt !== undefined ? { callStartedAt: this.callStartedAt } : {}),
    });
    if (this.captioner) {
      const { transcript } = view;
      for (let i = this.view?.transcript.length ?? 0; i < transcript.length; i++) {
        this.caption = this.captioner(transcript[i]!, transcript.slice(0, i)) ?? this.caption;
      }
      if (this.caption) view.caption = this.caption;
    }
    this.set(view);
  };

  readonly onLog = (_call: PendingCall, line: LogLine): void => {
    this.liveLogs = [...this.liveLogs, line];
    if (this.view) this.set({ ...this.view, liveLogs: this.liveLogs });
  };

  readonly get = (): SessionView => {
    if (!this.view) throw new Error('the session has not started');
    return this.view;
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(view: SessionView): void {
    this.view = view;
    for (const listener of this.listeners) listener();
  }
}
