import { useMemo, useRef } from 'react';
import { Box } from 'ink';
import type { SessionView } from '../protocol/view.js';
import { Header, headerRows } from './components/Header.js';
import { HelpLine } from './components/HelpLine.js';
import { LogPane, logRows } from './components/LogPane.js';
import { QuestionPrompt } from './components/QuestionPrompt.js';
import { StateView } from './components/StateView.js';
import { Summary } from './components/Summary.js';
import { Timeline } from './components/Timeline.js';
import { logLines } from './derive/logs.js';
import { stateLines } from './derive/state.js';
import { summaryLines } from './derive/summary.js';
import { timelineRows } from './derive/timeline.js';
import { trafficLines } from './derive/traffic.js';
import { useSessionKeys, type Paging } from './hooks/use-session-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { shareMiddle, usableRows } from './layout.js';
import { redactView } from '../engine/secrets.js';
import type { MaskMode } from './mask.js';

export interface AppOptions {
  mask: MaskMode;
  /** Show returned passwords and keys from the start (echo-off answers stay hidden regardless). */
  revealSecrets?: boolean;
  /** Keys of the screen's own, shown first in the help line (`play`: Space next · q quit). */
  extraKeys?: string;
  /** Once the session is done, the screen stays for a look (Tab, Ctrl-R, paging) until q, Enter or Ctrl-C calls this. */
  onQuit?: () => void;
}

export interface AppProps {
  view: SessionView;
  onAnswer: (value: string) => void;
  onAbort: () => void;
  options: AppOptions;
}

const HELP_ROWS = 1;
const PROMPT_ROWS = 2;

export function App({ view: raw, onAnswer, onAbort, options }: AppProps) {
  const asking = raw.status === 'asking' && raw.question !== undefined;
  const paging = useRef<Paging>({ page: 1, max: 0 });
  const done = raw.status === 'done';
  const onQuit = done ? options.onQuit : undefined;
  const keys = useSessionKeys({ prompting: asking, revealSecrets: options.revealSecrets ?? false, onAbort, onQuit, paging });
  // Everything below draws from `view`, never from `raw`: this is the only place secrets are removed.
  const view = useMemo(() => redactView(raw, keys.reveal), [raw, keys.reveal]);
  const { columns, rows } = useTerminalSize();

  const timeline = timelineRows(view);
  const state = keys.pane === 'state' ? stateLines(view) : keys.pane === 'traffic' ? trafficLines(view) : undefined;
  const logs = state ? [] : logLines(view);
  let room = usableRows(rows) - headerRows(view, columns) - HELP_ROWS;
  // The summary may take half the screen; beyond that its traceback is cut from the top.
  const summaryBudget = Math.max(4, Math.floor(room / 2)) - 1;
  const summary = view.status === 'done' && view.outcome ? summaryLines(view, view.outcome, summaryBudget) : undefined;
  if (summary) room -= summary.length + 1;
  else if (view.question) room -= PROMPT_ROWS;
  const heights = shareMiddle(Math.max(2, room), timeline.length, (state ?? logs).length);
  // A page keeps one line of the last for context.
  const logRoom = logRows(heights.pane);
  paging.current = { page: Math.max(1, logRoom - 1), max: Math.max(0, logs.length - logRoom) };
  const logOffset = Math.min(keys.scroll, paging.current.max);
  const questionSeq = view.transcript.filter((event) => event.type === 'question').length;

  return (
    <Box flexDirection="column" width={columns}>
      <Header view={view} />
      <Timeline rows={timeline} height={heights.timeline} />
      {state ? <StateView lines={state} height={heights.pane} {...(keys.pane === 'traffic' ? { title: 'traffic' } : {})} /> : <LogPane lines={logs} height={heights.pane} offset={logOffset} />}
      {summary ? <Summary lines={summary} /> : null}
      {!summary && view.question ? (
        <QuestionPrompt key={`${questionSeq}:${view.question.key}`} question={view.question} mask={options.mask} active={asking} onSubmit={onAnswer} />
      ) : null}
      <HelpLine
        mode={asking ? 'prompt' : onQuit ? 'done' : 'idle'}
        done={done}
        pane={keys.pane}
        reveal={keys.reveal}
        aborting={keys.aborting}
        {...(options.extraKeys ? { extraKeys: options.extraKeys } : {})}
      />
    </Box>
  );
}
