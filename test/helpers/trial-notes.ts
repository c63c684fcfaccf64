// The notes of a trial's network models, compiled once per test file: the
// teacher trials and the third trial read them the same way.
import { compileNetwork } from '../../src/compile/network/compile-network.js';
import { validateNetwork } from '../../src/compile/network/validate.js';
import { buildNotes, type RenderedNotes } from '../../src/backends/latex/notes.js';
import type { GeneratedFrom } from '../../src/backends/ts/module.js';
import type { NetworkSpec } from '../../src/dsl/network.js';

/** Where trial notes say they come from. */
export const TRIAL_FROM: GeneratedFrom = { source: 'trials/model.ts', command: 'nncompile trials/model.ts', notes: 'trials/model.tex', version: '0.1.0' };

/** A function giving the notes of trial `name` (one network), compiled at its first call. */
export function trialNotes(trials: Readonly<Record<string, NetworkSpec>>): (name: string) => RenderedNotes {
  const cache = new Map<string, RenderedNotes>();
  return (name) => {
    const found = cache.get(name);
    if (found !== undefined) return found;
    const notes = buildNotes([], TRIAL_FROM, [compileNetwork(name, validateNetwork(trials[name]))]);
    cache.set(name, notes);
    return notes;
  };
}
