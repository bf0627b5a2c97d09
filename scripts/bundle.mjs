// Bundles the CLI for start-up speed: Node 20 has no compile cache, and resolving the hundreds of
// small modules of execa and zod costs about 100 ms on every start. Ink and React stay outside the
// bundle: they load from node_modules, and only when a command draws the full-screen view.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { copyPythonHost } from './python-host-assets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ink', 'ink-spinner', 'react', 'react/jsx-runtime'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __spsTuiRequire } from 'node:module'; const require = __spsTuiRequire(import.meta.url);" },
  logLevel: 'warning',
});
copyPythonHost(`${out}/python`);
