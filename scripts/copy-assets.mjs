// tsc compiles TypeScript only; the Python host scripts ship beside the compiled host.
import { fileURLToPath } from 'node:url';
import { copyPythonHost } from './python-host-assets.mjs';

copyPythonHost(fileURLToPath(new URL('../dist/host/python', import.meta.url)));
