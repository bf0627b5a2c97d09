/** `sps-tui run`: one session played at the keyboard (or line by line from a pipe). */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode, UserError } from '../../errors.js';
import { scenarioText } from '../../scenario/save.js';
import { recordingToWrite, writeRecording } from '../../record/file.js';
import { writeFileAtomic } from '../../record/atomic.js';
import { recordPlan } from '../../record/traffic.js';
import { helperNames, helpersFor } from '../../runner/plugins.js';
import { CastRecorder, teeInto } from '../../record/cast.js';
import type { AnswerReply, AskedQuestion } from '../../engine/run-session.js';
import { answerFromBook } from '../../runner/answers.js';
import { runScenario, scenarioPython, type ScenarioRun, type ScenarioRunOptions } from '../../runner/run-scenario.js';
import type { Scenario } from '../../scenario/parse.js';
import type { FrontEnd, FrontEndOptions } from '../front-ends/front-end.js';
import { plainFrontEnd } from '../front-ends/plain.js';
import { announceDebugger, hostOptionsFrom, type HostFlags } from '../host-flags.js';
import { scenarioWarnings } from '../../scenario/warnings.js';
import { planSession, type PlanFlags } from '../session-plan.js';
import { ViewStore } from '../view-store.js';

export interface RunFlags extends HostFlags, PlanFlags {
  askAll?: boolean;
  plain?: boolean;
  mask?: 'star' | 'none';
  /** asciicast v2 file of what the terminal showed. */
  cast?: string;
  saveScenario?: string;
  /** Write the conversation as a recording. */
  record?: string;
  recordSecrets?: boolean;
  force?: boolean;
}

/** Records the terminal output with a marker at each hook call, when `--cast` asks for it. */
function startCast(file: string | undefined, store: ViewStore, title: string): () => Promise<void> {
  if (!file) return async () => undefined;
  const cast = new CastRecorder({ width: process.stdout.columns ?? 80, height: process.stdout.rows ?? 24, title, timestamp: Math.floor(Date.now() / 1000) });
  const stopTee = teeInto(process.stdout, cast);
  let seen = 0;
  const unsubscribe = store.subscribe(() => {
    const { transcript } = store.get();
    for (; seen < transcript.length; seen++) {
      const event = transcript[seen]!;
      if (event.type === 'hook-call') cast.marker(`${event.plugin} ${event.hook}`);
    }
  });
  return async () => {
    unsubscribe();
    stopTee();
    await writeFileAtomic(file, cast.toString());
  };
}

export interface LiveSession {
  run: ScenarioRun;
  interrupted: boolean;
}

/** Ink only at a real terminal and when not asked for plain lines; it is not even loaded otherwise. */
async function chooseFrontEnd(plain: boolean | undefined, options: FrontEndOptions): Promise<FrontEnd> {
  if (!plain && process.stdin.isTTY && process.stdout.isTTY) {
    const { inkFrontEnd } = await import('../front-ends/ink.js');
    return inkFrontEnd(options);
  }
  return plainFrontEnd(options);
}

/**
 * Plays a scenario with a front end. Answers the scenario holds are used unless `askAll`; the rest
 * are asked. Ctrl-C aborts the session, which still calls session_ended; a second Ctrl-C quits.
 */
export interface Presentation {
  caption?: FrontEndOptions['caption'];
  beforeCall?: ScenarioRunOptions['beforeCall'];
  /** Recording the plugin's traffic, helpers already installed (before the screen is taken). */
  traffic?: Pick<ScenarioRunOptions, 'traffic' | 'helperPaths'>;
}

export async function playLive(
  scenario: Scenario,
  flags: RunFlags,
  presentation: Presentation = {},
  answerFirst?: (question: AskedQuestion, front: FrontEnd) => Promise<AnswerReply> | undefined,
): Promise<LiveSession> {
  const controller = new AbortController();
  const onAbort = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.interrupted);
    controller.abort();
  };
  // pdb talks on the terminal itself: the full-screen view would draw over it.
  const front = await chooseFrontEnd(flags.plain || flags.pdb, {
    mask: flags.mask ?? 'star',
    onAbort,
    ...(presentation.caption ? { caption: presentation.caption } : {}),
  });
  const store = new ViewStore(presentation.caption);
  const stopCast = startCast(flags.cast, store, scenario.name);
  process.on('SIGINT', onAbort);
  // The last screen stays for a look only after a session that ran to its end.
  let ended = false;
  try {
    const run = await runScenario(scenario, {
      ...hostOptionsFrom(flags),
      answer: (question) => {
        const scripted = answerFirst?.(question, front);
        if (scripted) return scripted;
        const known = flags.askAll ? undefined : answerFromBook(scenario.answers, question);
        return known ?? front.ask(question);
      },
      onStart: (plugins, input) => {
        store.begin(plugins, input);
        front.start(store);
      },
      onSnapshot: store.onSnapshot,
      onLog: store.onLog,
      ...(presentation.beforeCall ? { beforeCall: presentation.beforeCall } : {}),
      ...presentation.traffic,
      signal: controller.signal,
    });
    ended = !controller.signal.aborted;
    return { run, interrupted: controller.signal.aborted };
  } finally {
    process.off('SIGINT', onAbort);
    await front.finish(ended);
    await stopCast();
  }
}

export function exitCodeForSession(live: LiveSession): number {
  if (live.interrupted) return ExitCode.interrupted;
  return live.run.outcome.verdict === 'ACCEPT' ? ExitCode.ok : ExitCode.failed;
}

/** Refuses to replace a file the user did not say may be replaced. */
export function assertWritable(file: string, force: boolean | undefined, flag: string): void {
  if (!force && existsSync(file)) throw new UserError(`${file} exists; pass --force to overwrite it (${flag})`);
}

export async function runCommand(target: string, flags: RunFlags): Promise<number> {
  const scenario = planSession(target, flags);
  for (const warning of scenarioWarnings(scenario)) process.stderr.write(`sps-tui: warning: ${warning}\n`);
  if (flags.saveScenario) assertWritable(flags.saveScenario, flags.force, '--save-scenario');
  if (flags.record) assertWritable(flags.record, flags.force, '--record');
  // A recording keeps the plugin's traffic, so it replays with its services down. Helpers are
  // installed now, before the screen is taken.
  const recording = flags.record ? { traffic: recordPlan() } : {};
  const options = hostOptionsFrom(flags);
  const helpers = helperNames({ ...options, ...recording });
  const traffic = helpers.length ? { ...recording, helperPaths: await helpersFor(scenarioPython(scenario, flags.python), helpers) } : undefined;
  announceDebugger(options);
  const live = await playLive(scenario, flags, traffic ? { traffic } : {});
  if (flags.record) {
    await writeRecording(flags.record, recordingToWrite(live.run, flags.record, flags.recordSecrets === true), { force: true });
    process.stderr.write(`recorded the session: ${flags.record}\n`);
  }
  if (flags.saveScenario) {
    await writeFileAtomic(flags.saveScenario, scenarioText(live.run, resolve(flags.saveScenario)));
    process.stderr.write(`saved the session as a scenario: ${flags.saveScenario}\n`);
  }
  return exitCodeForSession(live);
}
