/** The domain of one SPS session as the engine plays it: connection, questions, verdicts, transcript. */
import type { CallSideEffects, HookErrorKind, LogLine } from './host.js';
import type { Json, JsonObject } from './json.js';
import type { HookName, PluginType } from './plugin.js';

export type Verdict = 'ACCEPT' | 'DENY' | 'NEEDINFO' | 'NONE';

/** How a whole session ended, as `expect.verdict` names it. */
export type SessionVerdict = 'ACCEPT' | 'DENY' | 'ERROR' | 'ABORTED';

/** Which plugin of the session a hook belongs to. */
export type PluginRole = 'aa' | 'credentialstore';

/** A NEEDINFO question. `echo: false` means the answer is a secret: never shown, logged or recorded. */
export interface Question {
  key: string;
  prompt: string;
  echo: boolean;
}

/** What SPS knows about the connection, in SPS's own parameter names. `null` is "SPS does not know". */
export interface Connection {
  session_id: string;
  connection_name: string;
  protocol: string;
  client_ip: string;
  client_port: number;
  client_hostname: string | null;
  gateway_user: string | null;
  gateway_domain: string | null;
  gateway_groups: string[] | null;
  gateway_password: string | null;
  server_username: string | null;
  server_domain: string | null;
  /** None for RDP before the target is chosen (the SDK's tester has it so). */
  server_ip: string | null;
  server_port: number | null;
  server_hostname: string | null;
  key_value_pairs: Record<string, string>;
}

export type CredentialKind = 'password' | 'private_key';

/** SSH authentication methods a server may offer. */
export type AuthMethod = 'publickey' | 'password' | 'keyboard-interactive';

/** What the target server accepts, for the credential trial. Absent lists accept the first credential. */
export interface Target {
  passwords?: string[];
  /** PEM texts or `sha256:<hex>` fingerprints of accepted keys. */
  private_keys?: string[];
  /** SSH: the methods the server offers; keys are tried before passwords, as an SSH client does. */
  methods?: AuthMethod[];
}

export interface PluginSlot {
  role: PluginRole;
  type: PluginType;
  name: string;
  configuration: string;
}

/** Everything that happens in a session, in order: what the UI shows, the recorder writes and replay compares. */
export type TranscriptEvent =
  | { type: 'hook-call'; plugin: PluginRole; hook: HookName; args: JsonObject }
  // durationMs is absent where nobody timed the call: a recording keeps no durations.
  | ({ type: 'hook-result'; plugin: PluginRole; hook: HookName; value: Json; logs: LogLine[]; durationMs?: number } & CallSideEffects)
  | ({
      type: 'hook-error';
      plugin: PluginRole;
      hook: HookName;
      kind: HookErrorKind;
      message: string;
      traceback?: string;
      logs: LogLine[];
      durationMs?: number;
    } & CallSideEffects)
  | { type: 'question'; plugin: PluginRole; hook: HookName; key: string; prompt: string; echo: boolean }
  | { type: 'answer'; key: string; value: string; echo: boolean }
  | { type: 'credential-trial'; kind: CredentialKind; index: number; credential: string; keyType?: string; accepted: boolean; prompted?: true }
  | { type: 'outcome'; outcome: Outcome };

export type QuestionEvent = Extract<TranscriptEvent, { type: 'question' }>;
export type CredentialTrialEvent = Extract<TranscriptEvent, { type: 'credential-trial' }>;

export interface SessionError {
  plugin: PluginRole | null;
  hook: HookName | null;
  kind: HookErrorKind | 'protocol' | 'credentials' | 'unanswered';
  message: string;
  traceback?: string;
}

export interface Outcome {
  verdict: SessionVerdict;
  /** The last verdict each AA hook returned (`null`: returned None). */
  authenticate?: Verdict | null;
  authorize?: Verdict | null;
  /** The DENY reason SPS would show the user. */
  reason?: string;
  additional_metadata?: string;
  gateway_user: string | null;
  gateway_groups: string[] | null;
  /** The credential the target accepted. */
  /** What logged in to the target: the store's credential at `index`, or (`prompted`) the password the user typed. */
  credential?: { kind: CredentialKind | 'prompted'; index: number; keyType?: string };
  error?: SessionError;
}
