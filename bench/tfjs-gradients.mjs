// TF.js with its gradient functions registered, for the benchmarks.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * tfjs-core's Node bundle (tf-core.node.js) registers no gradient functions
 * (the @tensorflow/tfjs union package does, and it is not installed). Their
 * registration lives in tfjs-core's ES-module sources, which Node cannot load
 * directly (extensionless imports in a CommonJS package), so they are bundled
 * once with esbuild (tsx's) into a file in `tmp`. That copy shares the global
 * engine and gradient registry with the bundle above (tfjs keeps both on the
 * global namespace to support several copies).
 */
export async function registerTfGradients(tmp) {
  const { build } = await import('esbuild');
  const outfile = join(tmp, 'tfjs-gradients.mjs');
  await build({
    entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'error',
  });
  await import(pathToFileURL(outfile).href);
}
