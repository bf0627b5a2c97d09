/** Connection parameters: defaults for what a scenario leaves out, and the user name syntax of each protocol. */
import type { Connection } from '../protocol/session.js';

const DEFAULT_PORTS: Record<string, number> = { ssh: 22, telnet: 23, rdp: 3389, vnc: 5900, http: 80, ica: 1494 };

/** Fixed values also used by the Plugin SDK's own tester, so the two can be compared directly. */
export function defaultConnection(protocol: string): Connection {
  return {
    session_id: `${protocol}-example-1`,
    connection_name: 'example',
    protocol,
    client_ip: '1.2.3.4',
    client_port: 12341,
    client_hostname: 'theclient.foo.bar',
    // Unknown is None: with no gateway authentication before the plugin there is no gateway user.
    gateway_user: null,
    gateway_domain: null,
    gateway_groups: null,
    gateway_password: null,
    server_username: null,
    server_domain: null,
    server_ip: '5.6.7.8',
    server_port: DEFAULT_PORTS[protocol] ?? 22,
    server_hostname: null,
    key_value_pairs: {},
  };
}

export interface ParsedUsername {
  server_username: string;
  server_domain?: string;
  key_value_pairs: Record<string, string>;
}

/**
 * What a user types as the connection's user name. SSH and Telnet: `otp=123456@gu=alice@root`.
 * RDP: `DOMAIN\gu~alice%otp~1%Administrator`, with `~` for `=` and `^` for `:`.
 */
export function parseUsername(protocol: string, username: string): ParsedUsername {
  const rdp = protocol === 'rdp';
  let rest = username;
  let server_domain: string | undefined;
  if (rdp) {
    const slash = rest.indexOf('\\');
    if (slash > 0) {
      server_domain = rest.slice(0, slash);
      rest = rest.slice(slash + 1);
    }
  }
  const fields = rest.split(rdp ? '%' : '@');
  const key_value_pairs: Record<string, string> = {};
  const plain: string[] = [];
  for (const field of fields) {
    const eq = field.indexOf(rdp ? '~' : '=');
    if (eq > 0) {
      const unescape = (s: string): string => (rdp ? s.replaceAll('^', ':') : s);
      key_value_pairs[unescape(field.slice(0, eq))] = unescape(field.slice(eq + 1));
    } else {
      plain.push(field);
    }
  }
  return { server_username: plain.join(rdp ? '%' : '@'), ...(server_domain ? { server_domain } : {}), key_value_pairs };
}
