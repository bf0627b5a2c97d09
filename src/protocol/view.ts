/** What a front end (the Ink UI, the plain line mode, the demo) needs to draw a session. */
import type { LogLine } from './host.js';
import type { JsonObject } from './json.js';
import type { HookName, PluginType } from './plugin.js';
import type { Connection, Outcome, PluginRole, Question, TranscriptEvent } from './session.js';

export interface PluginBadge {
  name: string;
  version: string;
  type: PluginType;
}

export type SessionStatus = 'running' | 'asking' | 'ending' | 'done';

export interface SessionView {
  status: SessionStatus;
  plugins: Partial<Record<PluginRole, PluginBadge>>;
  connection: Connection;
  transcript: TranscriptEvent[];
  /** The hook being called right now; `startedAt` is Date.now() when it began. */
  running?: { plugin: PluginRole; hook: HookName; startedAt: number };
  /** The question waiting for an answer. */
  question?: Question & { plugin: PluginRole; hook: HookName };
  cookies: Partial<Record<PluginRole, JsonObject>>;
  session_cookie: JsonObject;
  key_value_pairs: Record<string, string>;
  /** Lines the running hook has printed so far (they move into the transcript when it returns). */
  liveLogs: LogLine[];
  outcome?: Outcome;
  /** The demo's sentence about the step on screen. */
  caption?: string;
}
