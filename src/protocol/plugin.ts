/** What SPS knows about a plugin before it runs any of it: the MANIFEST and the files. */

export type PluginType = 'aa' | 'credentialstore';

export type AaHook = 'authenticate' | 'authorize' | 'session_ended';
export type CredentialStoreHook =
  | 'get_password_list'
  | 'get_private_key_list'
  | 'authentication_completed'
  | 'session_ended';
export type HookName = AaHook | CredentialStoreHook;

/** Hooks a plugin of each type must define; for a credential store one of the two fetch hooks is enough. */
export const REQUIRED_HOOKS: Record<PluginType, { all: HookName[]; oneOf: HookName[] }> = {
  aa: { all: ['authenticate', 'authorize', 'session_ended'], oneOf: [] },
  credentialstore: {
    all: ['authentication_completed', 'session_ended'],
    oneOf: ['get_password_list', 'get_private_key_list'],
  },
};

export interface Manifest {
  name: string;
  description: string;
  version: string;
  type: PluginType;
  /** Kept as the source text: `api: 1.10` is API 1.10, not the float 1.1. */
  api: string;
  /** Present means a Python 3 plugin started through pluginwrapper3. */
  entryPoint?: string;
  scbMinVersion?: string;
  scbMaxVersion?: string;
  /** Every key as written, unknown ones included. */
  raw: Record<string, unknown>;
}

export interface PluginInfo {
  /** The path the user gave: a directory or a .zip. */
  source: string;
  /** The directory that holds MANIFEST and main.py (a private temporary one for a zip). */
  dir: string;
  manifest: Manifest;
  /** Text of default.cfg, when the plugin ships one. */
  defaultConfiguration?: string;
  /** Paths relative to `dir`, sorted. */
  files: string[];
  /** sha256 over the sorted file names and contents: a plugin's identity in recordings. */
  sha256: string;
  /** Removes the temporary directory of an extracted zip; a no-op for a directory. */
  cleanup(): Promise<void>;
}

/** A problem found while loading or checking a plugin. */
export interface Finding {
  /** Path as the user should read it (inside the plugin: relative to its root). */
  file: string;
  line?: number;
  message: string;
  /** A warning does not stop an upload (or `check`, or `pack`); without it the finding does. */
  severity?: 'warning';
}
