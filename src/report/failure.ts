/**
 * A hook call that failed where it used not to is one finding, however many fields of the
 * conversation change after it: the hook, what went wrong, and the line of the plugin's own code.
 */
import type { Step } from '../record/format.js';
import type { SessionError } from '../protocol/session.js';

type FailedStep = Extract<Step, { error: unknown }>;

/** Error kinds that mean the plugin never ran: no behaviour to compare, nothing to re-record. */
const START_KINDS = new Set(['load', 'host']);

export const isStartFailure = (error: Pick<SessionError, 'kind'> | undefined): boolean => error !== undefined && START_KINDS.has(error.kind);

interface Frame {
  file: string;
  line: number;
  fn: string;
  code?: string;
}

const FRAME = /^ {2}File "(.+)", line (\d+), in (.+)$/;

function framesOf(traceback: string): Frame[] {
  const lines = traceback.split('\n');
  const frames: Frame[] = [];
  lines.forEach((text, i) => {
    const m = FRAME.exec(text);
    if (!m) return;
    const next = lines[i + 1];
    const code = next?.startsWith('    ') && !FRAME.test(next) ? next.trim() : undefined;
    frames.push({ file: m[1]!, line: Number(m[2]), fn: m[3]!, ...(code ? { code } : {}) });
  });
  return frames;
}

/**
 * The innermost frame in the plugin's own files: recordings write the plugin's directory as
 * `<aa plugin>/`; live tracebacks hold the directories given.
 */
export function pluginFrame(traceback: string, dirs: readonly string[] = []): string | undefined {
  const own = (file: string): string | undefined => {
    const marker = /^<\w+ plugin>\/(.+)$/.exec(file);
    if (marker) return marker[1];
    const dir = dirs.find((d) => file.startsWith(`${d}/`));
    return dir ? file.slice(dir.length + 1) : undefined;
  };
  const frame = framesOf(traceback).reverse().find((f) => own(f.file) !== undefined);
  if (!frame) return undefined;
  return `${own(frame.file)}, line ${frame.line}, in ${frame.fn}${frame.code ? `\n  ${frame.code}` : ''}`;
}

/** `aa.authorize raised KeyError: 'x'` and where, in as few lines as say it. */
export function failureMessage(call: string, error: { message: string; traceback?: string | undefined }, dirs: readonly string[] = []): string {
  const frame = error.traceback ? pluginFrame(error.traceback, dirs) : undefined;
  const hook = call.split('.').at(-1)!;
  // The host's messages start with the hook's name; the role in front says which plugin.
  const text = error.message.startsWith(`${hook} `) ? `${call}${error.message.slice(hook.length)}` : `${call}: ${error.message}`;
  return frame ? `${text}\n  at ${frame}` : text;
}

const sameError = (a: Step | undefined, b: FailedStep): boolean =>
  a !== undefined && 'error' in a && a.call === b.call && a.error.kind === b.error.kind && a.error.message === b.error.message;

/** The first call of `fresh` that failed where `recorded` has no such failure, with its index. */
function newFailure(recorded: readonly Step[], fresh: readonly Step[]): { index: number; step: FailedStep } | undefined {
  const index = fresh.findIndex((step, i) => 'error' in step && step.error.kind !== 'replay' && !sameError(recorded[i], step as FailedStep));
  return index < 0 ? undefined : { index, step: fresh[index] as FailedStep };
}

/**
 * The first call that newly failed, and the differences it does not explain: those before its
 * step. Its own step, every later one and the outcome follow from it.
 */
export function splitAtNewFailure<D extends { step?: number }>(
  recorded: readonly Step[],
  fresh: readonly Step[],
  differences: readonly D[],
): { failure?: { index: number; step: FailedStep }; before: D[] } {
  const failure = newFailure(recorded, fresh);
  if (!failure) return { before: [...differences] };
  return { failure, before: differences.filter((d) => d.step !== undefined && d.step - 1 < failure.index) };
}

/** Why a plugin never ran, stated first: what failed, under which interpreter, and what to give instead. */
export function startFailureMessage(error: Pick<SessionError, 'plugin' | 'message' | 'traceback'>, python: string, dirs: readonly string[] = []): string {
  const frame = error.traceback ? pluginFrame(error.traceback, dirs) : undefined;
  const missing = /No module named '([^']+)'/.exec(error.message)?.[1];
  return [
    `the ${error.plugin ? `${error.plugin} ` : ''}plugin could not start under ${python}: ${error.message}`,
    ...(frame ? [`  at ${frame}`] : []),
    missing
      ? `${missing} is not installed for ${python}: name the interpreter that has it with --python, SPS_TUI_PYTHON or the scenario's python:`
      : 'fix the plugin, or name the interpreter it needs with --python, SPS_TUI_PYTHON or the scenario\'s python:',
  ].join('\n');
}
