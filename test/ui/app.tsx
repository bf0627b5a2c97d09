import { vi } from 'vitest';
import { render } from 'ink-testing-library';
import { App, type AppOptions } from '../../src/ui/App.js';
import type { SessionView } from '../../src/protocol/view.js';
import { ready } from './ink.js';

/** Renders App with spies for its callbacks and waits until it takes input. */
export async function renderApp(view: SessionView, options: AppOptions = { mask: 'star' }) {
  const onAnswer = vi.fn<(value: string) => void>();
  const onAbort = vi.fn<() => void>();
  const app = render(<App view={view} onAnswer={onAnswer} onAbort={onAbort} options={options} />);
  await ready(app);
  const rerender = (next: SessionView) => app.rerender(<App view={next} onAnswer={onAnswer} onAbort={onAbort} options={options} />);
  return { ...app, onAnswer, onAbort, rerender };
}
