/**
 * The scenario file format. This one definition validates files and generates the JSON Schema
 * shipped for editors (schema/scenario.schema.json, by scripts/write-schema.mjs).
 */
import { z } from 'zod';

const str = z.string();
const nullableStr = z.string().nullable();

const pluginRef = {
  plugin: str.describe('Plugin directory or .zip, relative to this file'),
  configuration: str.optional().describe("Configuration text given to Plugin(configuration); default: the plugin's default.cfg"),
  configuration_file: str.optional().describe('File holding the configuration, relative to this file'),
};

export const connectionSchema = z
  .object({
    protocol: z.enum(['ssh', 'rdp', 'telnet', 'vnc', 'http', 'ica', 'mssql']).optional(),
    session_id: str.optional(),
    connection_name: str.optional(),
    client_ip: str.optional(),
    client_port: z.number().int().optional(),
    client_hostname: nullableStr.optional(),
    gateway_user: nullableStr.optional(),
    gateway_domain: nullableStr.optional(),
    gateway_groups: z.array(str).nullable().optional(),
    gateway_password: nullableStr.optional(),
    server_username: nullableStr.optional(),
    server_domain: nullableStr.optional(),
    server_ip: nullableStr.optional(),
    server_port: z.number().int().nullable().optional(),
    server_hostname: nullableStr.optional(),
    key_value_pairs: z.record(str, str).optional(),
    username: str.optional().describe('What the user typed as user name: "otp=123456@root" (SSH) or "gu~alice%Administrator" (RDP)'),
  })
  .strict();

/** An answer, or where to find a secret one: `{env: SPS_TUI_SECRET_OTP}`. */
const answer = z.union([str, z.object({ env: str }).strict()]);
export type Answer = z.infer<typeof answer>;

const verdict = z.enum(['ACCEPT', 'DENY', 'NEEDINFO', 'NONE']).nullable();

export const expectSchema = z
  .object({
    verdict: z.enum(['ACCEPT', 'DENY', 'ERROR', 'ABORTED']).optional(),
    authenticate: verdict.optional(),
    authorize: verdict.optional(),
    questions: z.array(z.object({ key: str, echo: z.boolean().optional(), prompt: str.optional() }).strict()).optional(),
    gateway_user: nullableStr.optional(),
    gateway_groups: z.array(str).nullable().optional(),
    reason: str.optional(),
    additional_metadata: str.optional(),
    error: str.optional().describe('Text the session error message contains'),
    credential: z
      .object({ kind: z.enum(['password', 'private_key', 'prompted']).optional(), index: z.number().int().optional() })
      .strict()
      .optional()
      .describe('What logged in to the target: the store\'s credential at index, or prompted (the password the user typed when the store had none)'),
    cookie: z.record(str, z.unknown()).optional().describe("Keys the AA plugin's final cookie must hold"),
    session_cookie: z.record(str, z.unknown()).optional(),
    logs: z.object({ contain: z.array(str).optional(), not_contain: z.array(str).optional() }).strict().optional(),
    session_ended: z.number().int().optional().describe('How many session_ended calls (one per plugin)'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: str.min(1),
    description: str.optional(),
    ...pluginRef,
    credential_store: z
      .object({ ...pluginRef, credentials: z.enum(['password', 'private_key']).optional() })
      .strict()
      .optional(),
    connection: connectionSchema.optional(),
    answers: z
      .record(str, z.union([answer, z.array(answer)]))
      .optional()
      .describe('Answers by question key; {env: NAME} reads a secret from the environment'),
    target: z
      .object({
        passwords: z.array(str).optional(),
        private_keys: z.array(str).optional(),
        methods: z
          .array(z.enum(['publickey', 'password', 'keyboard-interactive']))
          .optional()
          .describe('SSH: the methods the server offers; the store is asked for keys, then passwords, as an SSH client tries them'),
      })
      .strict()
      .optional(),
    credentials: z.enum(['password', 'private_key']).optional().describe('What a credential store under test on its own (plugin:) is asked for'),
    password_fallback: z
      .enum(['prompt', 'none'])
      .optional()
      .describe("prompt (SPS's default): when the credential store has no password, the user is asked for the server's; none: the session ends in ERROR"),
    expect: expectSchema.optional(),
    python: str.optional().describe('Python interpreter for this scenario'),
    env: z.record(str, str).optional().describe("Environment variables set for the plugin (it sees none of the shell's but PATH, the locale and TZ)"),
    pass_env: z.array(str).optional().describe("Variables of sps-tui's environment passed to the plugin; globs like AWS_* allowed"),
    timeout: z.number().positive().optional().describe('Seconds per hook call (default 300)'),
    network: z
      .enum(['replay', 'live'])
      .optional()
      .describe("replay (default): a recording's traffic is served and nothing else leaves; live: the plugin reaches its real services"),
    max_questions: z.number().int().positive().optional(),
    matrix: z
      .record(str, z.array(z.unknown()).min(1))
      .optional()
      .describe('One case per combination of these values; ${name} anywhere in the scenario takes the value, and the case names say which'),
    recording: str.optional().describe('Where this scenario keeps its recording, relative to this file'),
    ignore: z.array(str).optional().describe('Field paths or patterns left out when comparing with the recording'),
  })
  .strict();

export type ScenarioDocument = z.infer<typeof scenarioSchema>;
export type Expectation = z.infer<typeof expectSchema>;
