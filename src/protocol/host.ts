/** The contract between the session engine and whatever runs plugin code. */
import type { Json, JsonObject } from './json.js';
import type { Finding, HookName } from './plugin.js';

export type LogStream = 'stdout' | 'stderr';

/** One line the plugin wrote; SPS logs these with the session id in front. */
export interface LogLine {
  stream: LogStream;
  text: string;
}

export interface HookResult extends CallSideEffects {
  /** The hook's return value after the JSON round trip (null for `None`). */
  value: Json;
  /** The argument names the hook was actually given, after filtering by its signature. */
  passed: string[];
  logs: LogLine[];
  durationMs: number;
}

/** One exchange with the world (an HTTP request and its response, ...): sps-tui's recording layers own its shape. */
export type TrafficEntry = JsonObject & { kind: string };

/** What a call did beside its result or its error: its exchanges with the world, what it left running. */
export interface CallSideEffects {
  /** When recorded or served. */
  traffic?: TrafficEntry[];
  /** [secret, placeholder] the host found in the service's responses (a vault's password, a token). */
  served?: Array<[string, string]>;
  /** Command lines of processes the hook left running, which the host ended with the call. */
  leftRunning?: string[];
}

/** A call's side effects with empty lists left out, as results, errors and transcript events carry them. */
export const sideEffectsOf = ({ traffic, served, leftRunning }: CallSideEffects): CallSideEffects => ({
  ...(traffic?.length ? { traffic } : {}),
  ...(served?.length ? { served } : {}),
  ...(leftRunning?.length ? { leftRunning } : {}),
});

/** `replay`: serve a recording's traffic and let nothing else out; `live`: the plugin reaches its real services. */
export type NetworkMode = 'replay' | 'live';

/**
 * What the Python host records or serves for one call. `record`: let the plugin reach the world
 * and return what it exchanged; `replay`: answer from `entries` and let nothing out.
 */
export interface TrafficRequest {
  mode: 'record' | 'replay';
  entries: TrafficEntry[];
  /** [secret value, placeholder]: replaced in the live request before it is matched or returned. */
  secrets: Array<[string, string]>;
  /** The command that records this call again, for the message of a request not in the recording. */
  rerecord?: string;
}

export type HookErrorKind =
  | 'exception' // the hook raised
  | 'timeout' // the hook ran past its time limit and was killed
  | 'exit' // sys.exit() / os._exit() inside the hook
  | 'signal' // the process died by a signal
  | 'bad-result' // the result is not JSON, or not a dict/None where SPS needs one
  | 'load' // main.py could not be imported or has no Plugin class
  | 'missing-hook' // the Plugin class has no such method
  | 'aborted' // the caller cancelled the call
  | 'replay' // the call did something its recording does not hold (a new request, network access)
  | 'host'; // the host process itself failed (interpreter missing, crashed)

/** Why a hook call produced no result; carries what the plugin printed before it failed. */
export interface HookError extends CallSideEffects {}

export class HookError extends Error {
  override readonly name = 'HookError';
  constructor(
    readonly hook: HookName,
    readonly kind: HookErrorKind,
    message: string,
    readonly traceback: string | undefined,
    readonly logs: LogLine[],
    readonly durationMs: number,
    effects: CallSideEffects = {},
    /** The arguments the hook took, when it got as far as being called. */
    readonly passed?: string[],
  ) {
    super(message);
    Object.assign(this, sideEffectsOf(effects));
  }
}

export interface CallOptions {
  /** Default 300 s: half of SPS's default protocol proxy timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Each log line as soon as the plugin writes it (the UI's live pane). */
  onLog?: (line: LogLine) => void;
  /** Extra environment for this call, e.g. EPHEMERAL_PLUGIN_STATE_DIRECTORY of the session. */
  env?: Record<string, string>;
  traffic?: TrafficRequest;
  /** Under --coverage: the coverage.py context of this call (the scenario or recording it belongs to). */
  coverageContext?: string;
}

export type Isolation = 'fork' | 'spawn';

/** Runs hooks of one plugin. Every call sees a fresh `Plugin(configuration)`. */
export interface PluginHost {
  call(hook: HookName, args: JsonObject, options?: CallOptions): Promise<HookResult>;
  close(): Promise<void>;
}

/** What the Python side finds by importing main.py, without calling a hook. */
export interface PluginIntrospection {
  /** Set when main.py could not be imported or has no usable Plugin class. */
  error?: { message: string; traceback?: string; line?: number };
  hasPluginClass: boolean;
  /** The constructor accepts one positional configuration argument. */
  constructorTakesConfiguration: boolean;
  /** Methods of Plugin named after hooks, with their parameter names (self excluded). */
  hooks: Record<string, { parameters: string[]; varKeyword: boolean; line?: number }>;
  pythonVersion: string;
  /** Warnings of what the appliance's older Python or its packages lack (syntax, imports), by file and line. */
  compat?: Finding[];
}
