// `npm run build:console`: bundles the admin console (console/src, Preact) into console/dist with esbuild —
// no CDN, nothing fetched at run time. npm start, npm run api and npm test run it first; it takes well under a second.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'console');
const out = path.join(src, 'dist');

/** Builds console/dist from console/src; answers the bundle's size in bytes. */
export async function buildConsole(): Promise<number> {
  await rm(out, { recursive: true, force: true });
  await mkdir(path.join(out, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { console: path.join(src, 'src/main.tsx') },
    outdir: path.join(out, 'assets'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  await copyFile(path.join(src, 'src/styles.css'), path.join(out, 'assets/console.css'));
  await copyFile(path.join(src, 'index.html'), path.join(out, 'index.html'));
  return Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
}

if (require.main === module) {
  buildConsole().then(
    (bytes) => process.stderr.write(`console built: console/dist (${Math.round(bytes / 1024)} KiB with source maps)\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
