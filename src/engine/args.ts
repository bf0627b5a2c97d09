/**
 * The keyword arguments SPS offers each hook. The host passes a hook only the names its signature
 * declares (all of them with **kwargs), so this is the full offer, unknown values as null.
 */
import { cloneJson, type Json, type JsonObject } from '../protocol/json.js';
import type { HookName } from '../protocol/plugin.js';
import type { Connection } from '../protocol/session.js';

export interface ArgsState {
  connection: Connection;
  cookie: JsonObject;
  session_cookie: JsonObject;
}

const bookkeeping = (state: ArgsState): JsonObject => ({
  session_id: state.connection.session_id,
  cookie: state.cookie,
  session_cookie: state.session_cookie,
});

function authenticateArgs(state: ArgsState): JsonObject {
  const c = state.connection;
  return {
    ...bookkeeping(state),
    connection_name: c.connection_name,
    client_ip: c.client_ip,
    client_port: c.client_port,
    client_hostname: c.client_hostname,
    gateway_user: c.gateway_user,
    gateway_domain: c.gateway_domain,
    key_value_pairs: c.key_value_pairs,
    protocol: c.protocol,
    server_username: c.server_username,
    server_domain: c.server_domain,
    // Deprecated names SPS still passes beside the new ones.
    target_username: c.server_username,
    target_domain: c.server_domain,
  };
}

function authorizeArgs(state: ArgsState): JsonObject {
  const c = state.connection;
  return {
    ...authenticateArgs(state),
    gateway_groups: c.gateway_groups,
    server_ip: c.server_ip,
    server_port: c.server_port,
    server_hostname: c.server_hostname,
    target_server: c.server_ip,
    target_host: c.server_ip,
    target_port: c.server_port,
  };
}

/** Credential store fetch hooks name the gateway user `gateway_username`, and also get its password. */
function fetchArgs(state: ArgsState): JsonObject {
  const c = state.connection;
  return {
    ...bookkeeping(state),
    protocol: c.protocol,
    client_ip: c.client_ip,
    client_hostname: c.client_hostname,
    gateway_username: c.gateway_user,
    gateway_password: c.gateway_password,
    gateway_groups: c.gateway_groups,
    gateway_domain: c.gateway_domain,
    server_username: c.server_username,
    server_ip: c.server_ip,
    server_hostname: c.server_hostname,
    server_port: c.server_port,
    server_domain: c.server_domain,
    target_username: c.server_username,
    target_host: c.server_ip,
    target_port: c.server_port,
    target_domain: c.server_domain,
  };
}

/** Deep copies, so no object handed to one call can be changed by another. */
export function offeredArgs(hook: HookName, state: ArgsState): JsonObject {
  let args: JsonObject;
  if (hook === 'authenticate') args = authenticateArgs(state);
  else if (hook === 'authorize') args = authorizeArgs(state);
  else if (hook === 'get_password_list' || hook === 'get_private_key_list') args = fetchArgs(state);
  else args = bookkeeping(state);
  return cloneJson(args);
}

/** The arguments exactly as the hook received them. */
export function passedArgs(offered: JsonObject, passed: string[]): JsonObject {
  const out: JsonObject = {};
  for (const name of passed) out[name] = (offered[name] ?? null) as Json;
  return out;
}
