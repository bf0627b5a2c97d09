/** How the rows of the terminal are shared out; pure so the arithmetic can be tested alone. */
export interface Heights {
  timeline: number;
  pane: number;
}

/** Rows Ink may use: one fewer than the terminal, or Ink clears the whole screen on every frame. */
export function usableRows(rows: number): number {
  return Math.max(8, rows - 1);
}

/**
 * The timeline and the lower pane (logs or state) share `middle` rows; each wants its content plus
 * a title. When both cannot have all they want, each keeps at least half.
 */
export function shareMiddle(middle: number, timelineRows: number, paneRows: number): Heights {
  const wantTimeline = timelineRows + 1;
  const wantPane = paneRows + 1;
  if (wantTimeline + wantPane <= middle) return { timeline: wantTimeline, pane: wantPane };
  const half = Math.ceil(middle / 2);
  const timeline = Math.min(wantTimeline, Math.max(half, middle - wantPane));
  return { timeline, pane: Math.max(1, middle - timeline) };
}
