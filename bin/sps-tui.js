#!/usr/bin/env node
import { main } from '../dist/bundle/main.js';

let settled = false;
main(process.argv.slice(2)).then((code) => {
  settled = true;
  process.exitCode = code;
});
// Node ends quietly, with 0, once nothing is left to wait for. A command that has not finished by
// then was waiting on something that will never come, and must not pass for success.
process.once('beforeExit', () => {
  if (settled) return;
  process.stderr.write('sps-tui: this is a bug in sps-tui, please report it: the command stopped before it finished\n');
  process.exitCode = 70;
});
