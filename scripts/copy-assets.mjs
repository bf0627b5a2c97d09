// tsc compiles TypeScript only; the Python host scripts ship beside the compiled host.
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}dist/host/python`, { recursive: true });
cpSync(`${root}src/host/python`, `${root}dist/host/python`, {
  recursive: true,
  filter: (source) => !source.includes('__pycache__'),
});
