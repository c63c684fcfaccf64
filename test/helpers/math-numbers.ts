/**
 * The numbers a reader sees in the notes' math, extracted from the
 * generated `.tex` or `.html`, to check that each is one the companion
 * `<model>.notes.json` records (so a test or a reader can recompute it).
 *
 * The extraction, precisely:
 * 1. Math: in `.tex` every `$…$` (prose, table cells, figure labels) and the
 *    body of every `align*` / `equation*`; in `.html` the TeX source KaTeX
 *    keeps of every formula (`<annotation encoding="application/x-tex">`,
 *    figure labels included). Comment lines and the preamble are not math.
 * 2. Words are not numbers: `\text{…}`, `\texttt{…}`, `\mathrm{…}`,
 *    `\operatorname{…}` are dropped.
 * 3. A number is a numeral `123` / `0.0756467`, with its power of ten when
 *    written so (`1.5 \times 10^{-9}`, `10^{-8}`): one token, compared whole.
 * 4. Then subscripts and superscripts are dropped: indices (`w^{1}_{12}`,
 *    `x_{0}`), powers (`x^{2}`, `0.97^{e}`: the base is still a number) and
 *    the exponents of ×10^k — they are names and exponents, not values.
 * 5. Checked: every number that is not a whole number (a decimal or a power
 *    of ten), and every whole number stated as a setting, the whole right side
 *    of `name = 3` in a formula or list (`B = 32`, `T = 3`, `n_{0} = 2`,
 *    `x = 4`) unless the name is an index letter (`t = 1`, `l = 2`) or the value
 *    is 0 or 1 (a start or a definition: `h_{0} = 0`, `H(t) = 1`). Other
 *    whole numbers are the structure's sizes and counters and the constants of
 *    formulas (½, 1 − σ, 3x²), which are printed as the model states them.
 * A checked number matches when the companion shows it so (sign aside: the
 * notes print −0.5 as `\left(-0.5\right)` or after a minus).
 */

const MATH_ENVIRONMENTS = /\\begin\{(align\*|equation\*)\}([\s\S]*?)\\end\{\1\}/g;

/** Every formula of a `.tex` document's body, in order of appearance (displays first, then inline math). */
export function texFormulas(tex: string): string[] {
  const start = tex.indexOf('\\begin{document}');
  const body = tex.slice(start < 0 ? 0 : start).split('\n').filter((line) => !line.startsWith('%')).join('\n');
  const formulas = [...body.matchAll(MATH_ENVIRONMENTS)].map((m) => m[2]);
  const prose = body.replace(MATH_ENVIRONMENTS, ' ');
  formulas.push(...[...prose.matchAll(/(?<!\\)\$([^$]+)\$/g)].map((m) => m[1]));
  return formulas;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Every formula of an `.html` page: the TeX of each KaTeX formula. */
export function htmlFormulas(html: string): string[] {
  return [...html.matchAll(/<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/g)]
    .map((m) => m[1].replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]));
}

const WORDS = /\\(text|texttt|mathrm|operatorname)\{(?:[^{}]|\{[^{}]*\})*\}/g;
const POWER_OF_TEN = /(?<![\d.])(\d+(?:\.\d+)?) \\times 10\^\{-?\d+\}|(?<![\d.])10\^\{-?\d+\}/g;
const SCRIPTS = /[_^](?:\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\\?[A-Za-z0-9])/g;
const INDEX_LETTERS = new Set(['i', 'j', 'k', 'l', 'n', 't', 'e']);

/** The numbers of one formula that the companion must record (steps 2–5 above), as printed, without sign. */
export function checkedNumbers(formula: string): string[] {
  const words = formula.replace(WORDS, ' ');
  const found: string[] = [];
  // settings: `name = <whole number>` as a whole piece of a list (`B = 32`, `x = 4,\; y = 2`)
  for (const piece of words.split(/,|\\;|\\quad|\\qquad|&|\\\\/)) {
    const setting = /^\s*([^=]+?)\s*=\s*-?(\d+)\s*$/.exec(piece);
    if (setting && setting[2] !== '0' && setting[2] !== '1' && !INDEX_LETTERS.has(setting[1].trim())) found.push(setting[2]);
  }
  const powers: string[] = [];
  const rest = words.replace(POWER_OF_TEN, (token) => {
    powers.push(token);
    return ' ';
  });
  let plain = rest;
  for (let previous = ''; previous !== plain;) {
    previous = plain;
    plain = plain.replace(SCRIPTS, ' ');
  }
  const decimals = [...plain.matchAll(/\d+\.\d+/g)].map((m) => m[0]);
  return [...found, ...powers, ...decimals];
}

/** The numbers of `formulas` the companion's shown values (`shown`, TeX) do not contain, each with its formula. */
export function unrecordedNumbers(formulas: readonly string[], shown: readonly string[]): { number: string; formula: string }[] {
  const recorded = new Set(shown.map((s) => s.replace(/^-/, '')));
  return formulas.flatMap((formula) => checkedNumbers(formula).filter((n) => !recorded.has(n)).map((number) => ({ number, formula })));
}
