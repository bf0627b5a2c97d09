/** How a Finding reads on a terminal: `path:line: message`, like a compiler. */
import type { Finding } from '../protocol/plugin.js';

/**
 * Formats a finding against the plugin path as the user typed it (`sourceLabel`).
 * A file inside a zip is joined with `:` (`plugins/otp.zip:MANIFEST:3: …`), a file inside a
 * directory with `/` (`examples/otp/MANIFEST:3: …`). A finding about the plugin as a whole
 * (`file` empty) prints as `sourceLabel: message`.
 */
export function formatFinding(finding: Finding, sourceLabel: string): string {
  const where = findingPath(finding.file, sourceLabel);
  const line = finding.line !== undefined ? `:${finding.line}` : '';
  return `${where}${line}: ${finding.severity === 'warning' ? 'warning: ' : ''}${finding.message}`;
}

function findingPath(file: string, sourceLabel: string): string {
  if (file === '') return sourceLabel;
  if (/\.zip$/i.test(sourceLabel)) return `${sourceLabel}:${file}`;
  return sourceLabel.endsWith('/') ? `${sourceLabel}${file}` : `${sourceLabel}/${file}`;
}
