import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModelFile } from '../src/driver/model-file.js';
import { EXAMPLES, exampleCommand } from '../scripts/examples.js';

// The committed generated/ files are goldens: regenerating them must not change a byte.
// After an intended change to the output, run `npm run generate` and review the diff.
describe('generated/ matches the compiler', () => {
  it('has examples', () => {
    expect(EXAMPLES).toContain('chain-rule');
  });

  it.each(EXAMPLES)('%s', async (name) => {
    const out = mkdtempSync(join(tmpdir(), `golden-${name}-`));
    await compileModelFile(`examples/${name}/model.ts`, { outDir: out, command: exampleCommand(name) });
    const fresh = readdirSync(out).sort();
    // (an example may write a figure next to them, e.g. vanishing-gradients' gradient-norms.svg: not the compiler's)
    expect(readdirSync(join('generated', name)).filter((f) => !f.endsWith('.svg')).sort()).toEqual(fresh);
    for (const file of fresh) {
      const committed = readFileSync(join('generated', name, file), 'utf8');
      expect(readFileSync(join(out, file), 'utf8'), `generated/${name}/${file} is stale: run npm run generate`).toBe(committed);
    }
  });
});
