/**
 * Secrets in recordings. What is secret is engine/secrets.ts's to say; this decides what each
 * becomes in a file. One function redacts a recording before it is written and before a
 * replayed session is compared with it, so a redacted file still matches (as vcrpy filters both).
 *   - the answer to an echo-off question becomes `<secret:KEY>` (`<secret:KEY#2>` for a second,
 *     different one), which replay fills in again;
 *   - gateway_password, returned passwords and private keys become `sha256:<hex>` fingerprints,
 *     so replay still notices when they change.
 * Wherever else the same text appears (a cookie, a log line, a traceback) it is replaced too.
 */
import { fingerprint } from '../engine/credentials.js';
import { MIN_EMBEDDED_SECRET as MIN_EMBEDDED, type Secrets } from '../engine/secrets.js';
import { isJsonObject, type Json } from '../protocol/json.js';
import type { Recording, Step } from './format.js';

export const placeholder = (key: string, nth: number): string => `<secret:${key}${nth > 1 ? `#${nth}` : ''}>`;
export const PLACEHOLDER = /^<secret:([^>#]+)(?:#(\d+))?>$/;
export const PLACEHOLDERS = /<secret:([^>#]+)(?:#(\d+))?>/g;

/** Configuration options whose names say they hold a secret (a vault token, an API key). */
const SECRET_OPTION = /pass(word|wd|phrase)|secret|token|api[-_]?key|private[-_]?key/i;

/**
 * [value, `<secret:config:SECTION.OPTION>`] for each secret-named option of a plugin's configuration
 * (INI, as SPS stores it). Replay fills them from the scenario the recording came from, or the environment.
 */
export function configurationSecrets(text: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) section = header[1]!.trim();
    // Options start the line; an indented line continues the value above (a PEM key, a list).
    const option = /^([^#;=:\s[][^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!header && option && SECRET_OPTION.test(option[1]!) && option[2]!.length >= MIN_EMBEDDED && !option[2]!.startsWith('<secret:')) {
      found.push([option[2]!, placeholder(`config:${section}.${option[1]}`, 1)]);
    }
  }
  return found;
}

/** The value of `config:SECTION.OPTION` in a configuration text, for replay to fill it again. */
export function configurationValue(text: string, name: string): string | undefined {
  return configurationSecrets(text).find(([, p]) => p === placeholder(name, 1))?.[0];
}

/** [secret text, what replaces it], longest first: the session's secrets (engine/secrets.ts), then the configuration's and the services'. */
function replacementsOf(secrets: Secrets, recording: Recording, served: Array<[string, string]>): Array<[string, string]> {
  const table = new Map<string, string>();
  // Credentials are only compared again (a fingerprint notices a change); echo-off answers must be
  // given again, so a placeholder replay can fill wins where the two are one text.
  for (const credential of secrets.credentials) table.set(credential, fingerprint(credential));
  const seen = new Map<string, string[]>();
  const named = new Set<string>();
  for (const { key, value } of secrets.echoOff) {
    if (PLACEHOLDER.test(value) || named.has(value)) continue;
    const values = [...(seen.get(key) ?? []), value];
    seen.set(key, values);
    named.add(value);
    table.set(value, placeholder(key, values.length));
  }
  if (secrets.gatewayPassword) table.set(secrets.gatewayPassword, fingerprint(secrets.gatewayPassword));
  for (const text of Object.values(recording.input.configuration)) {
    for (const [secret, replacement] of configurationSecrets(text ?? '')) if (!table.has(secret)) table.set(secret, replacement);
  }
  // A secret that came from a service keeps the placeholder the host gave it, so replay can serve a stand-in.
  for (const [secret, replacement] of served) table.set(secret, replacement);
  // Already fingerprinted (a recording redacted before) or empty: nothing left to hide.
  for (const secret of [...table.keys()]) if (secret === '' || secret.startsWith('sha256:')) table.delete(secret);
  return [...table].sort((a, b) => b[0].length - a[0].length);
}

function replaceIn(value: Json, secrets: Array<[string, string]>): Json {
  if (typeof value === 'string') {
    const exact = secrets.find(([secret]) => secret === value);
    if (exact) return exact[1];
    let text = value;
    for (const [secret, replacement] of secrets) if (secret.length >= MIN_EMBEDDED) text = text.split(secret).join(replacement);
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => replaceIn(v, secrets));
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceIn(v, secrets)]));
  return value;
}

/**
 * The recording with every secret replaced, unless it was made with --record-secrets (fake test
 * credentials). In `input`, what replay must pass to the plugin again, the gateway password is a
 * placeholder too (a fingerprint could not be passed back).
 */
export function redact(recording: Recording, session: Secrets, served: Array<[string, string]> = []): Recording {
  if (recording.secrets === 'clear') return recording;
  const secrets = replacementsOf(session, recording, served);
  if (secrets.length === 0) return recording;
  const { steps, input, outcome, ...rest } = recording;
  const gatewayPassword = input.connection.gateway_password;
  const inputSecrets = secrets.map(([secret, replacement]): [string, string] =>
    secret === gatewayPassword ? [secret, placeholder('gateway_password', 1)] : [secret, replacement],
  );
  return {
    ...rest,
    input: replaceIn(input as unknown as Json, inputSecrets) as unknown as Recording['input'],
    steps: steps.map((step) => replaceIn(step as unknown as Json, secrets) as unknown as Step),
    outcome: replaceIn(outcome as unknown as Json, secrets) as unknown as Recording['outcome'],
  };
}

/**
 * For --record-secrets: the host wrote a service's secrets into the traffic as `<served:…>`
 * placeholders; the file is to hold them in clear like everything else, so they go back.
 */
export function revealServed(recording: Recording, served: Array<[string, string]>): Recording {
  if (served.length === 0) return recording;
  const back = served.map(([secret, replacement]): [string, string] => [replacement, secret]);
  return { ...recording, steps: recording.steps.map((step) => replaceIn(step as unknown as Json, back) as unknown as Step) };
}
