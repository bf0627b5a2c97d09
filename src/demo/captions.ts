/**
 * One sentence before each step of a demo, saying what SPS is doing and why, for someone who has
 * never seen an SPS plugin. Pure: the caption depends only on the event and what came before.
 */
import type { TranscriptEvent } from '../protocol/session.js';

const PLUGIN = { aa: 'the AA plugin', credentialstore: 'the credential store plugin' } as const;

function callCaption(e: Extract<TranscriptEvent, { type: 'hook-call' }>, before: TranscriptEvent[]): string {
  const again = before.some((b) => b.type === 'hook-call' && b.hook === e.hook && b.plugin === e.plugin);
  const lastAnswer = [...before].reverse().find((b) => b.type === 'answer');
  switch (e.hook) {
    case 'authenticate':
      if (again && lastAnswer) {
        return `SPS calls authenticate again with the answer in key_value_pairs["${lastAnswer.key}"]; a fresh Plugin object, so only the cookie remembers the last call.`;
      }
      return `A user connects over ${String(e.args.protocol ?? 'SSH').toUpperCase()}. SPS asks ${PLUGIN.aa} to authenticate them: it may accept, deny, or ask a question.`;
    case 'authorize':
      return again
        ? 'SPS calls authorize again, now with the answer.'
        : 'The user passed the gateway. Now that the target server is known, SPS asks the plugin to authorize this connection.';
    case 'get_password_list':
      return `SPS needs a password for the target user, so it asks ${PLUGIN.credentialstore}; it will try each one on the server, in order.`;
    case 'get_private_key_list':
      return `SPS needs an SSH key for the target user, so it asks ${PLUGIN.credentialstore}; it will try each one on the server, in order.`;
    case 'authentication_completed':
      return 'The login to the target worked. SPS tells the credential store, which could now check the password back in.';
    case 'session_ended':
      return before.some((b) => b.type === 'hook-call' && b.hook === 'session_ended')
        ? `And ${PLUGIN[e.plugin]} too: every plugin that took part hears session_ended exactly once.`
        : `The session is over. SPS calls session_ended on ${PLUGIN[e.plugin]}: cleanup runs on every path, even after a denial or an error.`;
  }
}

export function captionFor(event: TranscriptEvent, before: TranscriptEvent[]): string | undefined {
  switch (event.type) {
    case 'hook-call':
      return callCaption(event, before);
    case 'question':
      return event.echo
        ? 'The plugin answered NEEDINFO with a question. SPS shows it to the user and waits for the answer.'
        : 'The plugin answered NEEDINFO with a question and turned echo off: what the user types is never shown.';
    case 'credential-trial':
      return event.index === 0 ? 'SPS tries the credentials on the target server.' : undefined;
    case 'outcome':
      return 'That is the whole session, as SPS would have played it.';
    default:
      return undefined;
  }
}
