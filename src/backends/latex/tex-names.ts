/** Greek letter names that print as their symbol: alpha → \alpha. */
const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]);

/**
 * A user variable in LaTeX, pretty: x1 and x_1 → x_{1}, alpha → \alpha, rate → \mathit{rate}.
 * Not one-to-one (x1 and x_1 print alike): the notes make it so per document (latex/tex-symbols.ts).
 */
export function texVariable(name: string): string {
  const element = /^(.+)\[(\d+)\]$/.exec(name); // x[3], an element of a vector parameter: x_{3}
  if (element) {
    const base = texVariable(element[1]);
    return `${base.includes('_{') ? texSpelled(element[1]) : base}_{${element[2]}}`;
  }
  const m = /^([A-Za-z]+?)_?(\d+)$/.exec(name) ?? /^([A-Za-z]+)_([A-Za-z0-9]+)$/.exec(name);
  const [base, sub] = m ? [m[1], m[2]] : [name, undefined];
  const body = GREEK.has(base) ? `\\${base}` : base.length === 1 ? base : texSpelled(base);
  return sub === undefined ? body : `${body}_{${sub}}`;
}

/** A name exactly as spelled, in math italics: x1 → \mathit{x1}, x_1 → \mathit{x\_1}. */
export function texSpelled(name: string): string {
  return `\\mathit{${name.replace(/_/g, '\\_')}}`;
}
