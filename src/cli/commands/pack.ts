/** `sps-tui pack <plugin>`: the zip SPS uploads, written only when `check` finds nothing wrong in it. */
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ExitCode, UserError } from '../../errors.js';
import { checkPlugin } from '../../plugin/check.js';
import { checkFlagsProblem, type CheckFlags } from './check.js';
import { formatFinding } from '../../plugin/finding.js';
import { packPlugin } from '../../plugin/pack.js';
import { writeFileAtomic } from '../../record/atomic.js';

export interface PackFlags extends CheckFlags {
  output?: string;
  force?: boolean;
}

export async function packCommand(plugin: string, flags: PackFlags): Promise<number> {
  const badFlag = checkFlagsProblem(flags);
  if (badFlag) throw new UserError(badFlag);
  if (!existsSync(plugin) || !statSync(plugin).isDirectory()) throw new UserError(`${plugin}: not a plugin directory`, 'pack takes the folder that holds MANIFEST and main.py');
  const { zip, files } = await packPlugin(resolve(plugin));
  const scratch = await mkdtemp(join(tmpdir(), 'sps-tui-pack-'));
  try {
    const candidate = join(scratch, 'plugin.zip');
    await writeFile(candidate, zip);
    // What SPS will see is the zip, so the zip is what is checked.
    const { api, python, pythonVersion } = flags;
    const result = await checkPlugin(candidate, { ...(api ? { api } : {}), ...(python ? { python } : {}), ...(pythonVersion ? { pythonVersion } : {}) });
    try {
      for (const finding of result.findings) process.stdout.write(`${formatFinding(finding, plugin)}\n`);
      const problems = result.findings.filter((f) => f.severity !== 'warning').length;
      if (problems > 0 || !result.plugin) {
        process.stderr.write(`sps-tui pack: nothing written: check finds ${problems} problem${problems === 1 ? '' : 's'} that SPS would refuse\n`);
        return ExitCode.failed;
      }
      const { name, version } = result.plugin.manifest;
      const output = flags.output ?? `${name}-${version}.zip`;
      if (existsSync(output) && !flags.force) throw new UserError(`${output} exists; pass --force to replace it`);
      await writeFileAtomic(output, zip);
      process.stdout.write(`packed ${files.length} files of ${name} ${version} into ${output}\n`);
      return ExitCode.ok;
    } finally {
      await result.plugin?.cleanup();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
