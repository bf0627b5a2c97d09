// Preloaded with `node --import`: records every module URL the process loads into $TRACE_IMPORTS_FILE.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
