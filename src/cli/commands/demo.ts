/**
 * `sps-tui demo`: a scenario played by itself, at a human pace, with a caption before each step.
 * With no argument it plays scenarios/demo.yaml, which needs nothing but Python 3 and Node.
 */
import { captionFor } from '../../demo/captions.js';
import { ExitCode, UserError } from '../../errors.js';
import { packageFile } from '../../package-files.js';
import { answerFromBook } from '../../runner/answers.js';
import { sleep } from '../front-ends/front-end.js';
import { playLive, type RunFlags } from './run.js';
import { planSession } from '../session-plan.js';

export const BUNDLED_DEMO = packageFile('scenarios', 'demo.yaml');

export interface DemoFlags extends RunFlags {
  speed?: string;
}

/** Milliseconds per typed character and pause before each hook call, at speed 1. */
const PACE = { char: 110, step: 900 };

export async function demoCommand(scenarioPath: string | undefined, flags: DemoFlags): Promise<number> {
  const speed = Number(flags.speed ?? '1');
  if (!(speed >= 0)) throw new UserError(`--speed must be a number of at least 0, not "${flags.speed}"`);
  const scale = (ms: number): number => (speed === 0 ? 0 : ms / speed);
  const scenario = planSession(scenarioPath ?? BUNDLED_DEMO, flags);
  const live = await playLive(
    scenario,
    { ...flags, askAll: false },
    { caption: captionFor, beforeCall: () => sleep(scale(PACE.step)) },
    (question, front) => {
      const answer = answerFromBook(scenario.answers, question);
      return answer && 'value' in answer ? front.type(question, answer.value, scale(PACE.char)) : undefined;
    },
  );
  // A demo shows what its scenario expects, DENY included: it fails only when the plugin does otherwise.
  if (live.interrupted) return ExitCode.interrupted;
  return live.run.mismatches.length === 0 ? ExitCode.ok : ExitCode.failed;
}
