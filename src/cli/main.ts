/**
 * The composition root: parses arguments, loads only the command that runs (headless commands
 * never load Ink or React), and turns errors into messages and exit codes in one place.
 */
import { Command, CommanderError, Option } from 'commander';
import { ExitCode } from '../errors.js';
import { packageVersion } from '../package-files.js';
import { handleError } from './handle-error.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Options every command that runs plugins shares. */
function hostOptions(command: Command): Command {
  return command
    .option('--python <path>', 'Python interpreter for the plugins (default: $SPS_TUI_PYTHON, then python3)')
    .option('--timeout <seconds>', 'time limit per hook call, as SPS: half the proxy timeout', '300')
    .addOption(new Option('--isolation <mode>', 'fork: one warm interpreter per plugin, a forked child per call; spawn: a new interpreter per call').choices(['fork', 'spawn']).default('fork'))
    .option('--state-dir <dir>', 'root of SCB_PLUGIN_STATE_DIRECTORY (default: under your cache directory)')
    .option('--pass-env <name>', 'pass this variable of your environment to the plugin (globs like AWS_* allowed; repeatable); by default it sees only PATH, the locale and TZ, as under SPS', collect, [])
    .option('--inherit-env', 'let the plugin see your whole environment (SPS_TUI_SECRET_* excepted)');
}

/** A debugger in the hook call: test, replay and run. */
function debuggerOptions(command: Command): Command {
  return command
    .option('--pdb', 'breakpoint() in the plugin, or a hook that raises, gets pdb on this terminal; time limits are suspended')
    .option('--debugpy <[host:]port>', 'each hook call waits for an IDE (VS Code, PyCharm) to attach with debugpy on this port; time limits are suspended');
}

/** What a plugin author runs all day: coverage of the plugin's code and watch mode (test and replay). */
function innerLoopOptions(command: Command): Command {
  return debuggerOptions(command)
    .option('--coverage', "measure which lines and branches of the plugin's own files ran (coverage.py)")
    .option('--coverage-reporter <name>', 'also write this report into --coverage-dir: lcov, html, cobertura or json; repeatable', collect, [])
    .option('--coverage-dir <dir>', 'where coverage reports go (default: coverage)')
    .option('--coverage-threshold <percent>', 'fail (exit 1) below this coverage: 80 for lines and branches, or lines=80,branches=60')
    .option('-w, --watch', 'run again whenever the plugin, a scenario or a recording changes; keys: a all, f failed, u update, p filter, q quit');
}

/** What `check` looks at, for `check` and for `pack` (which checks the zip it builds). */
function checkOptions(command: Command): Command {
  return command
    .option('--api <X.Y>', 'also check the MANIFEST api against this SPS plugin API level')
    .option('--python <path>', 'Python interpreter used to import main.py')
    .option('--python-version <3.x>', "the appliance's Python: syntax and standard modules newer than it are warnings", '3.6');
}

/** Options of the commands that run many cases for CI: reporters, parallel jobs, shards. */
function ciOptions(command: Command): Command {
  return command
    .option('--reporter <name[=file]>', 'junit, json, tap or github, each to its own file; repeatable', collect, [])
    .option('--output <file>', 'file for a single --reporter')
    .option('--jobs <n>', 'cases run in parallel (output keeps its order)', '1')
    .option('--shard <i/n>', 'run the i-th of n equal parts (CI machines)')
    .option('--pass-with-no-tests', 'exit 0 when nothing matched (by default that is exit 5: a typo must not pass)')
    .addOption(
      new Option('--network <mode>', "replay (default): answer the plugin's requests from its recording and block all other network use; live: let it reach its real services").choices(['replay', 'live']),
    );
}

function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command('sps-tui')
    .description('Run Safeguard for Privileged Sessions plugins outside SPS, as SPS would.')
    .version(packageVersion(), '-V, --version')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  checkOptions(program.command('check').description('check a plugin directory or .zip the way SPS checks an upload').argument('<plugin>', 'plugin directory or .zip')).action(
    async (plugin: string, opts: { api?: string; python?: string; pythonVersion?: string }) => {
      const { runCheck } = await import('./commands/check.js');
      const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };
      setCode(await runCheck(plugin, opts, io));
    },
  );

  program
    .command('init')
    .description('create a plugin that runs at once: MANIFEST, main.py, default.cfg, scenarios and a CI workflow')
    .argument('<folder>', 'the new plugin folder; its name names the plugin')
    .addOption(new Option('--type <type>', 'aa or credentialstore (asked at a terminal when missing)').choices(['aa', 'credentialstore', 'cs']))
    .option('--sdk', "build it on One Identity's Plugin SDK")
    .option('--api <X.Y>', 'the plugin API level in MANIFEST (default 1.0, or 1.6 with --sdk)')
    .action(async (folder: string, opts: Record<string, unknown>) => {
      const { initCommand } = await import('./commands/init.js');
      setCode(await initCommand(folder, opts));
    });

  checkOptions(
    program
      .command('pack')
      .description('build the zip SPS uploads from a plugin directory, and check it first (nothing is written when check finds a problem)')
      .argument('<plugin>', 'plugin directory')
      .option('-o, --output <file>', 'the zip to write (default: <name>-<version>.zip from MANIFEST)')
      .option('--force', 'replace an existing zip'),
  ).action(async (plugin: string, opts: Record<string, unknown>) => {
    const { packCommand } = await import('./commands/pack.js');
    setCode(await packCommand(plugin, opts));
  });

  program
    .command('helpers')
    .description("Python libraries sps-tui runs inside the plugin's interpreter (vcrpy records traffic)")
    .command('install')
    .description('install them for an interpreter now, e.g. before a CI run with no network (default cache: ~/.cache/sps-tui/helpers, or $SPS_TUI_HELPERS_DIR)')
    .option('--python <path>', 'the interpreter the plugins run under (default: $SPS_TUI_PYTHON, then python3)')
    .action(async (opts: { python?: string }) => {
      const { helpersInstallCommand } = await import('./commands/helpers.js');
      setCode(await helpersInstallCommand(opts));
    });

  innerLoopOptions(ciOptions(hostOptions(
    program
      .command('test')
      .description('run scenario files headless and compare each session with its expectations and recording')
      .argument('[paths...]', 'scenario files, directories or globs', ['scenarios']),
  )))
    .option('--filter <text>', 'only scenarios whose name contains this text')
    .option('--bail', 'stop at the first failure')
    .option('--record <dir>', 'also write each conversation as a recording into this directory')
    .option('--record-mode <mode>', 'once: write missing recordings (default); none: never write (default when CI is set); all: re-record everything')
    .option('--recordings <dir>', "where scenarios keep their recordings (default: recordings/ in each scenario's project)")
    .option('-u, --update', 'rewrite the recordings that differ')
    .option('--prune', 'delete obsolete recordings')
    .option('--force', 'overwrite existing files given with --record')
    .option('--record-secrets', 'write secrets in clear into recordings (fake test credentials only)')
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      const { testCommand } = await import('./commands/test.js');
      setCode(await testCommand(paths, opts as never));
    });

  innerLoopOptions(ciOptions(hostOptions(
    program
      .command('replay')
      .description('replay recorded conversations against the plugin as it is now and show what changed')
      .argument('[paths...]', 'recordings: files, directories or globs', ['recordings']),
  )))
    .option('-u, --update', 'rewrite the recordings that differ')
    .option('--ignore <pattern>', 'a field path (steps[*].result.cookie.ts) or re:<regex> on text to leave out; repeatable', collect, [])
    .option('--secrets <file>', 'YAML map of secret answers by name (otp: "123456"), else SPS_TUI_SECRET_<NAME>')
    .action(async (paths: string[], opts: Record<string, unknown>) => {
      const { replayCommand } = await import('./commands/replay.js');
      setCode(await replayCommand(paths, opts as never));
    });

  program
    .command('play')
    .description('show a recorded conversation step by step, without running the plugin or Python')
    .argument('<recording>', 'a recording file')
    .option('--speed <factor>', 'play at a pace instead of waiting for Space (1 is a step every 0.7 s)')
    .option('--plain', 'plain lines instead of the full-screen view (the default when not at a terminal)')
    .addOption(new Option('--mask <style>', 'how hidden values show').choices(['star', 'none']).default('star'))
    .action(async (recording: string, opts: Record<string, unknown>) => {
      const { playCommand } = await import('./commands/play.js');
      setCode(await playCommand(recording, opts as never));
    });

  debuggerOptions(sessionOptions(
    hostOptions(
      program
        .command('run')
        .description('play one session at the keyboard: the plugin asks, you answer, sps-tui shows what SPS would do')
        .argument('<target>', 'a scenario file, or a plugin directory or .zip'),
    ),
  ))
    .option('--ask-all', "ask every question, even those the scenario answers")
    .option('--plain', 'plain lines instead of the full-screen view (the default when not at a terminal)')
    .addOption(new Option('--mask <style>', 'what typing at an echo-off prompt shows').choices(['star', 'none']).default('star'))
    .option('--cast <file>', 'also write what the terminal showed as an asciicast v2 file (asciinema play)')
    .option('--save-scenario <file>', 'write the session as a scenario file, answers and expectations filled in')
    .option('--record <file>', 'write the conversation as a recording, for sps-tui replay')
    .option('--record-secrets', 'write secrets in clear into the recording (fake test credentials only)')
    .option('--force', 'overwrite files named by --save-scenario or --record')
    .action(async (target: string, opts: Record<string, unknown>) => {
      const { runCommand } = await import('./commands/run.js');
      setCode(await runCommand(target, opts as never));
    });

  hostOptions(
    program
      .command('demo')
      .description('a scripted session that shows what a plugin does, step by step, with captions')
      .argument('[scenario]', 'a scenario file (default: the bundled OTP + credential store demo)'),
  )
    .option('--name <scenario>', 'which scenario of the file: its name or a part of it, as --filter matches (default: the first)')
    .option('--speed <factor>', 'pace: 2 is twice as fast, 0 is instant', '1')
    .option('--plain', 'plain text instead of the full-screen view (the default when not at a terminal)')
    .addOption(new Option('--mask <style>', 'what typing at an echo-off prompt shows').choices(['star', 'none']).default('star'))
    .action(async (scenario: string | undefined, opts: Record<string, unknown>) => {
      const { demoCommand } = await import('./commands/demo.js');
      setCode(await demoCommand(scenario, opts as never));
    });

  return program;
}

/** Flags that describe a session when `run` is given a plugin instead of a scenario. */
function sessionOptions(command: Command): Command {
  return command
    .option('--name <scenario>', 'which scenario of the file: its name or a part of it, as --filter matches (default: the first)')
    .option('--configuration <file>', "the plugin's configuration (default: its default.cfg)")
    .option('--credential-store <plugin>', 'a credential store plugin for the same session')
    .option('--credential-store-configuration <file>', "the credential store's configuration")
    .addOption(new Option('--credentials <kind>', 'what the credential store is asked for (the plugin itself, when it is one)').choices(['password', 'private_key']))
    .option('--target-password <password>', 'a password the target server accepts; repeatable', collect, [])
    .option('--target-private-key <file>', 'a private key (PEM file) the target server accepts; repeatable', collect, [])
    .addOption(new Option('--target-methods <list>', 'SSH methods the target offers, comma-separated: publickey,password (keys are tried first)'))
    .addOption(new Option('--password-fallback <mode>', "when the store has no password: prompt for the server's (SPS's default) or none").choices(['prompt', 'none']))
    .addOption(new Option('--protocol <name>', 'connection protocol').choices(['ssh', 'rdp', 'telnet', 'vnc', 'http', 'ica', 'mssql']))
    .option('--username <text>', 'the user name as typed, with key=value pairs: "otp=123456@root" (RDP: "otp~123456%Administrator")')
    .option('--gateway-user <name>', 'gateway user, when gateway authentication happened before the plugin')
    .option('--gateway-domain <name>')
    .option('--gateway-groups <a,b>', 'gateway groups, comma-separated')
    .option('--gateway-password <password>', 'passed to credential store plugins')
    .option('--server-username <name>', 'the target user')
    .option('--server-domain <name>')
    .option('--server-ip <address>')
    .option('--server-port <port>')
    .option('--server-hostname <name>')
    .option('--client-ip <address>')
    .option('--session-id <id>')
    .option('--kv <key=value>', 'a key-value pair as if typed in the user name; repeatable', collect, []);
}

export async function main(argv: string[]): Promise<number> {
  // Set before chalk or Ink load; FORCE_COLOR=0 also wins over an inherited FORCE_COLOR.
  if (argv.includes('--no-color')) process.env.FORCE_COLOR = '0';
  // `sps-tui test | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  // An error in the arguments: one line saying what, then that command's usage.
  for (const command of [program, ...program.commands]) {
    command.exitOverride().showHelpAfterError(`Usage: ${command.parent ? `sps-tui ${command.name()}` : 'sps-tui'} ${command.usage()}`);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) program.outputHelp();
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return done ? ExitCode.ok : ExitCode.usage;
    }
    return handleError(error);
  }
}
