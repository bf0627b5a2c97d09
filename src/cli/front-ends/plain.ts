/** The front end for pipes, CI and `--plain`: each step a line, answers read line by line. */
import type { AnswerReply, AskedQuestion } from '../../engine/run-session.js';
import { redactView } from '../../engine/secrets.js';
import { eventLines } from '../../plain/format.js';
import { createLinePrompt } from '../../plain/line-prompt.js';
import type { ViewStore } from '../view-store.js';
import { sleep, type FrontEnd, type FrontEndOptions } from './front-end.js';

export function plainFrontEnd(options: FrontEndOptions, write: (s: string) => void = (s) => process.stdout.write(s)): FrontEnd {
  const prompt = createLinePrompt(process.stdin, process.stdout, options.mask);
  let printed = 0;
  let logsShown = 0;
  let unsubscribe = (): void => undefined;
  const print = (store: ViewStore): void => {
    // A plugin may log what the user typed at an echo-off prompt: lines are printed from the masked view.
    const view = redactView(store.get(), false);
    // Live lines of the running hook first, then the events that completed.
    if (view.liveLogs.length < logsShown) logsShown = 0;
    for (const line of view.liveLogs.slice(logsShown)) write(`  │${line.stream === 'stderr' ? '!' : ' '} ${line.text}\n`);
    logsShown = view.liveLogs.length;
    for (const [i, event] of view.transcript.entries()) {
      if (i < printed) continue;
      const caption = options.caption?.(event, view.transcript.slice(0, i));
      if (caption) write(`\n# ${caption}\n`);
      // The question is printed as the prompt itself when it is asked.
      if (event.type === 'question') continue;
      for (const line of eventLines(event)) write(`${line}\n`);
      if (event.type === 'hook-call') logsShown = 0;
    }
    printed = view.transcript.length;
  };
  return {
    start(store) {
      const view = store.get();
      const names = Object.values(view.plugins).map((p) => `${p!.name} ${p!.version} (${p!.type})`);
      write(`session ${view.connection.session_id}: ${names.join(' + ')}, protocol ${view.connection.protocol}\n`);
      unsubscribe = store.subscribe(() => print(store));
    },
    async ask(question: AskedQuestion): Promise<AnswerReply> {
      try {
        const answer = await prompt.ask(`? ${question.prompt}`, question.echo);
        return answer === undefined ? { unanswered: `unanswered question ${question.key}: ${question.prompt} (input ended)` } : { value: answer };
      } catch {
        options.onAbort();
        return new Promise<AnswerReply>(() => undefined);
      }
    },
    async type(question, text, charDelayMs) {
      write(`? ${question.prompt}`);
      for (const _ of text) {
        await sleep(charDelayMs);
        if (!question.echo) write(options.mask === 'star' ? '*' : '');
      }
      if (question.echo) write(text);
      write('\n');
      return { value: text };
    },
    async finish() {
      unsubscribe();
      prompt.close();
    },
  };
}
