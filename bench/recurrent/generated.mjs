// The generated trainer of a recurrent workload of bench/run-recurrent.mjs:
// bench/recurrent/<id>.ts compiled in memory (bench/compiler.mjs), wrapped in
// the interface the runner times and checks. Until the compiler has recurrent
// layers (issue 9, the compiler core), the model file does not exist and the
// workload runs without the generated row.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The generated implementation of workload `w`, or undefined (with a logged reason) when there is none yet. */
export async function loadGeneratedRecurrent(w, _batches, _tmp, log) {
  const model = join(here, `${w.id}.ts`);
  if (!existsSync(model)) {
    log(`  generated trainer: not yet (no bench/recurrent/${w.id}.ts: the compiler has no recurrent layers yet)`);
    return undefined;
  }
  throw new Error(`bench/recurrent/${w.id}.ts exists but bench/recurrent/generated.mjs does not load it yet`);
}
