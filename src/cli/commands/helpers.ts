/** `sps-tui helpers install`: the Python libraries sps-tui runs inside the plugin's interpreter, installed ahead of a CI run. */
import { ensureHelpers, helperRoot, type HelperName } from '../../host/helper-cache.js';
import { ExitCode } from '../../errors.js';
import { resolvePython } from '../../host/python-host.js';

/** Recording (vcrpy), --coverage (coverage.py) and --debugpy: all of them, so a CI run installs nothing. */
const ALL: HelperName[] = ['vcrpy', 'coverage', 'debugpy'];

export async function helpersInstallCommand(flags: { python?: string }): Promise<number> {
  const python = resolvePython(flags.python);
  let installed = false;
  const dirs = await ensureHelpers(python, ALL, {
    install: true,
    onInstall: (message) => {
      installed = true;
      process.stderr.write(`sps-tui: ${message}\n`);
    },
  });
  process.stdout.write(`${installed ? 'installed' : 'already installed'} for ${python} in ${helperRoot()}:\n${dirs.map((d) => `  ${d}\n`).join('')}`);
  return ExitCode.ok;
}
