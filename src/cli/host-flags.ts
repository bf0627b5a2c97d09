/** Turns the shared command-line flags for running plugins into host options. */
import { UserError } from '../errors.js';
import type { NetworkMode } from '../protocol/host.js';
import type { HostOptions } from '../runner/plugins.js';

export interface HostFlags {
  python?: string;
  timeout?: string;
  isolation?: 'fork' | 'spawn';
  stateDir?: string;
  /** Checked by the command line's choices. */
  network?: NetworkMode;
  passEnv?: string[];
  inheritEnv?: boolean;
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
  return options;
}
