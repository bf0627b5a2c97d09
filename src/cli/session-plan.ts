/**
 * What `run` and `demo` play: a scenario from a file, or one made from a plugin and command-line
 * flags. Flags become a scenario document, so both go through the same validation and defaults.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { UserError } from '../errors.js';
import { closestNames } from '../names.js';
import { parseScenarioText, readScenarioFile, type Scenario } from '../scenario/parse.js';

export interface ConnectionFlags {
  protocol?: string;
  username?: string;
  gatewayUser?: string;
  gatewayDomain?: string;
  gatewayGroups?: string;
  gatewayPassword?: string;
  serverUsername?: string;
  serverDomain?: string;
  serverIp?: string;
  serverPort?: string;
  serverHostname?: string;
  clientIp?: string;
  sessionId?: string;
  kv?: string[];
}

export interface PlanFlags extends ConnectionFlags {
  name?: string;
  configuration?: string;
  credentialStore?: string;
  credentialStoreConfiguration?: string;
  credentials?: 'password' | 'private_key';
  targetPassword?: string[];
  targetPrivateKey?: string[];
  targetMethods?: string;
  passwordFallback?: 'prompt' | 'none';
}

const isScenarioFile = (path: string): boolean => /\.ya?ml$/i.test(path);

function connectionFromFlags(flags: ConnectionFlags): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) c[key] = value;
  };
  set('protocol', flags.protocol);
  set('username', flags.username);
  set('gateway_user', flags.gatewayUser);
  set('gateway_domain', flags.gatewayDomain);
  set('gateway_groups', flags.gatewayGroups?.split(',').map((g) => g.trim()).filter(Boolean));
  set('gateway_password', flags.gatewayPassword);
  set('server_username', flags.serverUsername);
  set('server_domain', flags.serverDomain);
  set('server_ip', flags.serverIp);
  set('server_port', flags.serverPort === undefined ? undefined : Number(flags.serverPort));
  set('server_hostname', flags.serverHostname);
  set('client_ip', flags.clientIp);
  set('session_id', flags.sessionId);
  if (flags.kv?.length) {
    const pairs: Record<string, string> = {};
    for (const kv of flags.kv) {
      const eq = kv.indexOf('=');
      if (eq < 1) throw new UserError(`--kv takes key=value, not "${kv}"`);
      pairs[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    c.key_value_pairs = pairs;
  }
  return c;
}

const readFlagFile = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
};

const quoted = (scenarios: readonly Scenario[]): string => scenarios.map((s) => `"${s.name}"`).join(', ');

/** --name as --filter reads it: the exact name, else the one name that contains it; else what is near. */
function scenarioNamed(target: string, scenarios: Scenario[], name: string): Scenario {
  const exact = scenarios.find((s) => s.name === name);
  if (exact) return exact;
  const containing = scenarios.filter((s) => s.name.includes(name));
  if (containing.length === 1) return containing[0]!;
  if (containing.length > 1) throw new UserError(`${target}: ${containing.length} scenarios are named like "${name}": ${quoted(containing)}`, 'give more of the name');
  const near = closestNames(name, scenarios.map((s) => s.name));
  throw new UserError(
    `${target} has no scenario named like "${name}"`,
    near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : scenarios.length ? `scenarios in it: ${quoted(scenarios)}` : undefined,
  );
}

/** A scenario file (its first scenario, or the one named with --name), or a plugin with flags. */
export function planSession(target: string, flags: PlanFlags): Scenario {
  if (isScenarioFile(target)) {
    const scenarios = readScenarioFile(target);
    if (!flags.name) {
      if (!scenarios[0]) throw new UserError(`${target} holds no scenario`);
      return scenarios[0];
    }
    return scenarioNamed(target, scenarios, flags.name);
  }
  const doc: Record<string, unknown> = { name: `${target} from the command line`, plugin: resolve(target) };
  if (flags.configuration) doc.configuration = readFlagFile(flags.configuration, 'configuration');
  if (flags.credentialStore) {
    const cs: Record<string, unknown> = { plugin: resolve(flags.credentialStore) };
    if (flags.credentialStoreConfiguration) cs.configuration = readFlagFile(flags.credentialStoreConfiguration, 'configuration');
    if (flags.credentials) cs.credentials = flags.credentials;
    doc.credential_store = cs;
  } else if (flags.credentials) {
    // The plugin is a credential store under test on its own.
    doc.credentials = flags.credentials;
  }
  if (flags.passwordFallback) doc.password_fallback = flags.passwordFallback;
  const connection = connectionFromFlags(flags);
  if (Object.keys(connection).length) doc.connection = connection;
  const accepts: Record<string, unknown> = {};
  if (flags.targetPassword?.length) accepts.passwords = flags.targetPassword;
  if (flags.targetPrivateKey?.length) accepts.private_keys = flags.targetPrivateKey.map((file) => readFlagFile(file, 'private key'));
  if (flags.targetMethods) accepts.methods = flags.targetMethods.split(',').map((m) => m.trim());
  if (Object.keys(accepts).length) doc.target = accepts;
  return parseScenarioText('(command line)', stringify(doc))[0]!;
}
