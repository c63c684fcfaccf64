import { texSpelled, texVariable } from './tex-names.js';

/** The TeX of a user's name (an expression's or a variable's) in one notes document. */
export type TexSymbols = (name: string) => string;

/** The forward steps' names in the notes (v_{1}, v_{2}, …): no user name may print as one. */
const STEP_NAME = /^v_\{\d+\}$/;

/**
 * TeX for the user's names of one document (every expression's name and
 * variables), one-to-one, so no two names print alike.
 *
 * The rule: a name prints in its pretty form (texVariable: x1 → x_{1},
 * alpha → \alpha, rate → \mathit{rate}) unless that form is another name's
 * too, or a forward step's v_{k}. Of names sharing a pretty form, the one
 * spelled with the underscore keeps it (x_1 stays x_{1}); every other such
 * name prints as spelled, in \mathit (x1 → \mathit{x1}, v_1 → \mathit{v\_1}).
 * Spelled forms differ from each other (the names do) and from every pretty
 * form (a pretty form without a subscript is in \mathit only when it is its
 * own name spelled out), so the result is injective.
 */
export function texSymbols(names: Iterable<string>): TexSymbols {
  const sharing = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const pretty = texVariable(name);
    sharing.set(pretty, [...(sharing.get(pretty) ?? []), name]);
  }
  const tex = new Map<string, string>();
  for (const [pretty, group] of sharing) {
    const underscored = group.filter((n) => n.includes('_'));
    const candidates = group.length === 1 ? group : underscored;
    const keeper = candidates.length === 1 && !STEP_NAME.test(pretty) ? candidates[0] : undefined;
    for (const name of group) tex.set(name, name === keeper ? pretty : texSpelled(name));
  }
  return (name) => {
    const t = tex.get(name);
    if (t === undefined) throw new Error(`'${name}' is not a name of this document`);
    return t;
  };
}
