/** Turns the shared command-line flags for running plugins into host options. */
import { UserError } from '../errors.js';
import type { NetworkMode } from '../protocol/host.js';
import type { HostOptions, SharedHosts } from '../runner/host-options.js';
import { parseJobs } from './parallel.js';

export interface HostFlags {
  python?: string;
  timeout?: string;
  isolation?: 'fork' | 'spawn';
  stateDir?: string;
  /** Checked by the command line's choices. */
  network?: NetworkMode;
  passEnv?: string[];
  inheritEnv?: boolean;
  pdb?: boolean;
  debugpy?: string;
}

/** The longest time limit a timer takes (2^31 ms is 24.8 days): a debugger holds the call, not a clock. */
export const SUSPENDED_TIMEOUT_MS = 2_000_000_000;

/** `5678` or `0.0.0.0:5678` as debugpy's `host:port`. */
export function debugpyAddress(text: string): string {
  const match = /^(?:([^:\s]+):)?(\d+)$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (!match || !(port > 0 && port < 65536)) throw new UserError(`--debugpy must be a port or host:port (e.g. 5678 or 127.0.0.1:5678), not "${text}"`);
  return `${match[1] ?? '127.0.0.1'}:${port}`;
}

export function hostOptionsFrom(flags: HostFlags): HostOptions {
  const options: HostOptions = {};
  if (flags.python) options.python = flags.python;
  if (flags.timeout !== undefined && flags.timeout !== '300') {
    const seconds = Number(flags.timeout);
    if (!(seconds > 0)) throw new UserError(`--timeout must be a positive number of seconds, not "${flags.timeout}"`);
    options.timeoutMs = seconds * 1000;
  }
  if (flags.isolation) options.isolation = flags.isolation;
  if (flags.stateDir) options.stateDir = flags.stateDir;
  if (flags.network) options.network = flags.network;
  if (flags.passEnv?.length || flags.inheritEnv) options.env = { pass: flags.passEnv ?? [], ...(flags.inheritEnv ? { inherit: true } : {}) };
  if (flags.pdb || flags.debugpy !== undefined) {
    if (flags.pdb && flags.debugpy !== undefined) throw new UserError('--pdb and --debugpy are two debuggers: choose one');
    options.instruments = flags.pdb ? { pdb: true } : { debugpy: debugpyAddress(flags.debugpy!) };
    // While a debugger holds a call, its time limit must not kill it.
    options.timeoutMs = SUSPENDED_TIMEOUT_MS;
  }
  return options;
}

/** The command's host options with --coverage's added beside a debugger's, and the run's warm hosts. */
export const withInstruments = (options: HostOptions, coverage: Pick<HostOptions, 'instruments' | 'measured'>, pool: SharedHosts): HostOptions => ({
  ...options,
  ...coverage,
  ...(options.instruments || coverage.instruments ? { instruments: { ...options.instruments, ...coverage.instruments } } : {}),
  pool,
});

/** --jobs, but one at a time under a debugger: two calls cannot share one terminal or one port. */
export const jobsFor = (flags: HostFlags & { jobs?: string }): number => (flags.pdb || flags.debugpy !== undefined ? 1 : parseJobs(flags.jobs));

/** Said on standard error before the run: a call that waits for an IDE looks hung otherwise. */
export function announceDebugger(options: HostOptions): void {
  const address = options.instruments?.debugpy;
  if (address) process.stderr.write(`sps-tui: every hook call waits for a debugger (debugpy) to attach on ${address}; see docs/inner-loop.md\n`);
}
