import { Box, Text } from 'ink';
import wrapAnsi from 'wrap-ansi';
import type { PluginRole } from '../../protocol/session.js';
import type { SessionView } from '../../protocol/view.js';
import { ROLE_LABEL } from '../derive/labels.js';

const STATUS_TEXT: Record<SessionView['status'], string> = {
  running: 'running',
  asking: 'waiting for you',
  ending: 'ending',
  done: 'done',
};

/** The demo's caption wrapped at word boundaries, as Ink wraps it. */
const captionRows = (caption: string | undefined, columns: number): number =>
  caption ? wrapAnsi(caption, Math.max(1, columns), { hard: true, trim: true }).split('\n').length : 0;

/** Which plugins (both when a credential store takes part), the connection, and the demo's caption if any. */
export const headerRows = (view: SessionView, columns: number): number => 2 + captionRows(view.caption, columns);

export function Header({ view }: { view: SessionView }) {
  const roles = (['aa', 'credentialstore'] as PluginRole[]).filter((role) => view.plugins[role]);
  const c = view.connection;
  const user = c.gateway_user ?? c.server_username;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>sps-tui</Text>
        {roles.map((role) => {
          const badge = view.plugins[role]!;
          return (
            <Text key={role}>
              {'  '}
              <Text color="cyan">{ROLE_LABEL[role]}</Text> <Text bold>{badge.name}</Text> {badge.version} ({badge.type})
            </Text>
          );
        })}
      </Text>
      <Text wrap="truncate-end">
        <Text color="cyan">{c.protocol}</Text> session <Text bold>{c.session_id}</Text>
        {`  ${user ? `${user} ` : ''}${c.client_ip}:${c.client_port} → ${c.server_ip}:${c.server_port}  `}
        <Text dimColor>[{STATUS_TEXT[view.status]}]</Text>
      </Text>
      {view.caption ? (
        <Text wrap="wrap" color="magenta">
          {view.caption}
        </Text>
      ) : null}
    </Box>
  );
}
