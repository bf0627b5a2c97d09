/** `sps-tui check <plugin>`: findings as `path:line: message`, exit 0 clean, 1 findings, 2 unreadable, 4 no usable Python. */
import { ExitCode, UserError } from '../../errors.js';
import { parseApiLevel } from '../../plugin/api-level.js';
import { checkPlugin } from '../../plugin/check.js';
import { formatFinding } from '../../plugin/finding.js';

export interface CheckIo {
  /** Receives whole lines, each ending in "\n". */
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Findings go to stdout, one per line, so they can be piped or parsed; the count and any
 * error go to stderr. A user's error (an unreadable plugin, no usable Python) is printed and
 * returned with its own code; anything else is a bug and propagates.
 */
export interface CheckFlags {
  api?: string;
  python?: string;
  pythonVersion?: string;
}

/** What is wrong with check's own flags (`check` and `pack` take them), before any plugin is read. */
export function checkFlagsProblem(options: CheckFlags): string | undefined {
  if (options.pythonVersion !== undefined && !/^3\.\d{1,2}$/.test(options.pythonVersion)) return `--python-version must be 3.<minor>, e.g. 3.6 (got "${options.pythonVersion}")`;
  if (options.api !== undefined && !parseApiLevel(options.api)) return `--api must be <major>.<minor>, e.g. 1.8 (got "${options.api}")`;
  return undefined;
}

export async function runCheck(pluginPath: string, options: CheckFlags, io: CheckIo): Promise<number> {
  const badFlag = checkFlagsProblem(options);
  if (badFlag) {
    io.stderr(`sps-tui check: ${badFlag}\n`);
    return ExitCode.usage;
  }
  let result;
  try {
    result = await checkPlugin(pluginPath, options);
  } catch (err) {
    if (err instanceof UserError) {
      io.stderr(`sps-tui check: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  try {
    const { findings, plugin } = result;
    for (const finding of findings) io.stdout(`${formatFinding(finding, pluginPath)}\n`);
    const problems = findings.filter((f) => f.severity !== 'warning').length;
    const warnings = findings.length - problems;
    const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
    if (problems > 0 || !plugin) {
      io.stderr(`sps-tui check: ${[counted(problems, 'problem'), ...(warnings ? [counted(warnings, 'warning')] : [])].join(', ')} in ${pluginPath}\n`);
      return ExitCode.failed;
    }
    if (warnings) io.stderr(`sps-tui check: ${counted(warnings, 'warning')} in ${pluginPath}\n`);
    const { name, version, type, api } = plugin.manifest;
    const against = options.api !== undefined ? `, accepted by plugin API ${options.api}` : '';
    const python = result.pythonVersion !== undefined ? ` (Python ${result.pythonVersion})` : '';
    io.stdout(`${pluginPath}: OK: ${name} ${version}, type ${type}, api ${api}${against}${python}\n`);
    return ExitCode.ok;
  } finally {
    await result.plugin?.cleanup();
  }
}
