/**
 * Comparing a replayed session with its recording: each difference names the step, the hook, the
 * field path and both values; when the conversation took another turn, the closest recorded step.
 */
import { isJsonObject, type Json } from '../protocol/json.js';
import type { Recording, Step } from './format.js';

export interface Difference {
  /** 1-based step number; undefined for the outcome. */
  step?: number;
  /** `aa.authenticate`, `question`, … */
  hook?: string;
  path: string;
  expected: unknown;
  actual: unknown;
  note?: string;
}

const stepKind = (step: Step): string => ('call' in step ? step.call : Object.keys(step)[0]!);

function summary(step: Step | undefined): string | undefined {
  if (!step) return undefined;
  if ('call' in step) return 'error' in step ? `${step.call} → error ${step.error.kind}` : `${step.call} → ${verdictOf(step.result)}`;
  if ('question' in step) return `question ${step.question.key}`;
  if ('answer' in step) return `answer ${step.answer.key}`;
  return `trial ${step.trial.kind} #${step.trial.index}`;
}

const verdictOf = (value: Json): string => (isJsonObject(value) && typeof value.verdict === 'string' ? value.verdict : value === null ? 'None' : 'result');

/** Ignore rules: field paths with `*` (`steps[*].result.cookie.ts`) and `re:` patterns on text. */
export class IgnoreRules {
  private readonly paths: RegExp[] = [];
  private readonly texts: RegExp[] = [];

  constructor(patterns: string[]) {
    for (const pattern of patterns) {
      if (pattern.startsWith('re:')) {
        this.texts.push(new RegExp(pattern.slice(3), 'g'));
      } else {
        const body = pattern
          .replace(/[.+?^${}()|\\]/g, '\\$&')
          .replace(/\[\*\]/g, '\\[\\d+\\]')
          .replace(/\[(\d+)\]/g, '\\[$1\\]')
          .replace(/\*/g, '[^.\\[]+');
        this.paths.push(new RegExp(`^${body}($|[.\\[])`));
      }
    }
  }

  skips(path: string): boolean {
    return this.paths.some((re) => re.test(path));
  }

  text(value: string): string {
    return this.texts.reduce((text, re) => text.replace(re, '<ignored>'), value);
  }
}

/**
 * What of a traceback is the plugin's behaviour: its own frames and the exception. Frames inside
 * Python's library move between Python versions and machines, so they are not compared.
 */
export function tracebackEssence(text: string): string {
  const lines = text.trimEnd().split('\n');
  const frames = lines.filter((line) => /^\s*File "<(aa|credentialstore) plugin>\//.test(line));
  return [...frames, lines.at(-1) ?? ''].join('\n');
}

const keyPath = (base: string, key: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`);

function diffValues(expected: unknown, actual: unknown, path: string, rules: IgnoreRules, out: Array<Omit<Difference, 'step' | 'hook'>>): void {
  if (rules.skips(path)) return;
  if (isJsonObject(expected as Json) && isJsonObject(actual as Json)) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) diffValues(e[key], a[key], keyPath(path, key), rules, out);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) diffValues(expected[i], actual[i], `${path}[${i}]`, rules, out);
    return;
  }
  const normal = (v: unknown): unknown =>
    typeof v !== 'string' ? v : rules.text(path.endsWith('.traceback') ? tracebackEssence(v) : v);
  if (JSON.stringify(normal(expected)) !== JSON.stringify(normal(actual))) out.push({ path, expected, actual });
}

/** The recorded step nearest to `index` that has the kind the replay produced. */
function closest(steps: Step[], kind: string, index: number): number | undefined {
  let best: number | undefined;
  steps.forEach((step, i) => {
    if (stepKind(step) === kind && (best === undefined || Math.abs(i - index) < Math.abs(best - index))) best = i;
  });
  return best;
}

export function compareRecordings(expected: Recording, actual: Recording, ignore: string[] = []): Difference[] {
  const rules = new IgnoreRules([...(expected.ignore ?? []), ...ignore]);
  const differences: Difference[] = [];
  const count = Math.max(expected.steps.length, actual.steps.length);
  for (let i = 0; i < count; i++) {
    const want = expected.steps[i];
    const have = actual.steps[i];
    const path = `steps[${i}]`;
    if (rules.skips(path)) continue;
    if (!want || !have || stepKind(want) !== stepKind(have)) {
      const near = have ? closest(expected.steps, stepKind(have), i) : undefined;
      const note = !have
        ? 'the session now ends before this step'
        : !want
          ? 'the session now goes on past the recorded end'
          : `the conversation took another turn${near !== undefined ? `; the closest recorded step is #${near + 1} (${summary(expected.steps[near])})` : ''}`;
      differences.push({ step: i + 1, hook: stepKind(want ?? have!), path, expected: summary(want) ?? '(no step)', actual: summary(have) ?? '(no step)', note });
      break; // after a turn, every later step differs for the same reason
    }
    const found: Array<Omit<Difference, 'step' | 'hook'>> = [];
    diffValues(want, have, path, rules, found);
    for (const d of found) differences.push({ step: i + 1, hook: stepKind(want), ...d });
  }
  const found: Array<Omit<Difference, 'step' | 'hook'>> = [];
  diffValues(expected.outcome, actual.outcome, 'outcome', rules, found);
  differences.push(...found);
  return differences;
}
