/** Reporters by name; the text reporter is the terminal's and always runs. */
import { UserError } from '../errors.js';
import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { tapReporter } from './tap.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = { junit: junitReporter, json: jsonReporter, tap: tapReporter, github: githubReporter };

export interface ReporterChoice {
  name: string;
  reporter: Reporter;
  /** Undefined: standard output. */
  output?: string;
}

/**
 * `--reporter junit=out.xml --reporter json=out.json`, or one `--reporter junit --output out.xml`.
 * `text` is accepted and means the default terminal output.
 */
export function chooseReporters(specs: string[], output: string | undefined, env: NodeJS.ProcessEnv): ReporterChoice[] {
  const choices: ReporterChoice[] = [];
  for (const spec of specs) {
    const [name, file] = spec.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === 'text') continue;
    const reporter = REPORTERS[name];
    if (!reporter) throw new UserError(`unknown reporter "${name}"`, `choose from: text, ${Object.keys(REPORTERS).join(', ')}`);
    choices.push({ name, reporter, ...(file ? { output: file } : {}) });
  }
  if (output !== undefined) {
    const target = choices.filter((c) => c.output === undefined && c.name !== 'github');
    if (target.length !== 1) throw new UserError('--output needs exactly one file reporter, e.g. --reporter junit --output results.xml');
    target[0]!.output = output;
  }
  if (env.GITHUB_ACTIONS === 'true' && !choices.some((c) => c.name === 'github')) choices.push({ name: 'github', reporter: githubReporter });
  return choices;
}
