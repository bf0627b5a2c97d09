import { useSyncExternalStore } from 'react';
import { render, type RenderOptions } from 'ink';
import type { SessionView } from '../protocol/view.js';
import { App, type AppOptions } from './App.js';

export interface SessionHandlers {
  onAnswer: (value: string) => void;
  onAbort: () => void;
}

export interface RenderedSession {
  waitUntilExit: () => Promise<unknown>;
  unmount: () => void;
}

/** Ink's own options (streams, patchConsole…); Ctrl-C handling is not one of them. */
export type SessionRenderOptions = Omit<RenderOptions, 'exitOnCtrlC'>;

/**
 * Draws a live session. `getView` must return the same object until the session changes
 * (useSyncExternalStore re-renders whenever the reference differs); `subscribe` is called with a
 * listener to call after each change and returns the unsubscribe function.
 */
export function renderSession(
  getView: () => SessionView,
  subscribe: (listener: () => void) => () => void,
  handlers: SessionHandlers,
  options: AppOptions,
  inkOptions: SessionRenderOptions = {},
): RenderedSession {
  function LiveApp() {
    const view = useSyncExternalStore(subscribe, getView);
    return <App view={view} onAnswer={handlers.onAnswer} onAbort={handlers.onAbort} options={options} />;
  }
  // Ctrl-C must reach App (which calls onAbort) instead of unmounting Ink: session_ended still has to run.
  const instance = render(<LiveApp />, { ...inkOptions, exitOnCtrlC: false });
  return { waitUntilExit: () => instance.waitUntilExit(), unmount: () => instance.unmount() };
}
