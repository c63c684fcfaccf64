/**
 * Evaluates the numeric formulas the notes print (`3 \cdot 0.25`,
 * `\cos 0.997404`, `\frac{2.25}{3}`, `\left(-0.84\right) \times 3`, cases
 * blocks with numbers) by translating them to JavaScript: an evaluator
 * independent of nncompile's IR, for checking the printed arithmetic.
 * Returns undefined for a formula that still has a symbol in it (x, v_{3}).
 */
export function evaluateTex(tex: string): number | undefined {
  const js = texToJs(tex);
  if (js === undefined || /[A-Za-z_\\{}]/.test(js.replace(/Math\.(sin|cos|tan|tanh|exp|log|sqrt|abs|max|min)|F\.(sigmoid|relu|sgn|leaky|softplus)/g, ''))) return undefined;
  try {
    const value = Function('F', `"use strict"; return (${js});`)(NETWORK_FUNCTIONS) as unknown;
    return typeof value === 'number' ? value : typeof value === 'boolean' ? undefined : undefined;
  } catch {
    return undefined;
  }
}

const FUNCTIONS: Readonly<Record<string, string>> = {
  sin: 'Math.sin', cos: 'Math.cos', tan: 'Math.tan', tanh: 'Math.tanh', ln: 'Math.log', max: 'Math.max', min: 'Math.min',
  sigma: 'F.sigmoid', relu: 'F.relu', sgn: 'F.sgn', softplus: 'F.softplus',
};

/** The activations of the network notes, written out here (σ, ReLU, sgn, softplus ln(1 + eᵗ), LeakyReLU with its slope α). */
const NETWORK_FUNCTIONS = {
  sigmoid: (t: number) => 1 / (1 + Math.exp(-t)),
  relu: (t: number) => Math.max(0, t),
  sgn: (t: number) => Math.sign(t),
  softplus: (t: number) => Math.log(1 + Math.exp(t)),
  leaky: (alpha: number, t: number) => (t > 0 ? t : alpha * t),
};

/** Replaces `\name{A}{B}`-style groups innermost first; `make` gets the groups' contents. */
function replaceGroups(text: string, head: string, groups: number, make: (args: string[]) => string): string {
  for (;;) {
    const start = text.lastIndexOf(head);
    if (start < 0) return text;
    let i = start + head.length;
    const args: string[] = [];
    for (let k = 0; k < groups; k++) {
      if (text[i] !== '{') return text;
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        if (text[j] === '}' && --depth === 0) break;
      }
      args.push(text.slice(i + 1, j));
      i = j + 1;
    }
    text = text.slice(0, start) + make(args) + text.slice(i);
  }
}

function texToJs(tex: string): string | undefined {
  let t = tex.trim();
  // cases: A if P, B otherwise
  t = t.replace(/\\begin\{cases\} (.*?) & \\text\{if \} (.*?) \\\\ (.*?) & \\text\{otherwise\} \\end\{cases\}/g,
    (_m, a: string, p: string, b: string) => `((${p.replace(/\\le/g, '<=').replace(/(?<![<>=])=(?!=)/g, '===')}) ? (${a}) : (${b}))`);
  t = t.replace(/\\left\|/g, 'Math.abs(').replace(/\\right\|/g, ')');
  // the networks' activations: \operatorname{ReLU}, \operatorname{sgn}, \operatorname{LeakyReLU}_{α}(t) → F.leaky(α, t)
  t = t.replace(/\\operatorname\{(ReLU|sgn|softplus)\}/g, (_m, f: string) => `\\${f.toLowerCase()}`);
  t = t.replace(/\\operatorname\{LeakyReLU\}_\{([0-9.]+)\}\\left\(/g, 'F.leaky($1, ');
  t = t.replace(/\\left\(/g, '(').replace(/\\right\)/g, ')');
  t = replaceGroups(t, '\\tfrac', 2, ([a, b]) => `((${a})/(${b}))`);
  t = replaceGroups(t, '\\frac', 2, ([a, b]) => `((${a})/(${b}))`);
  t = replaceGroups(t, '\\sqrt', 1, ([a]) => `Math.sqrt(${a})`);
  t = replaceGroups(t, 'e^', 1, ([a]) => `Math.exp(${a})`);
  t = replaceGroups(t, '^', 1, ([a]) => `**(${a})`);
  // \sin 0.25 (a plain argument) and \sin( … )
  t = t.replace(/\\(sin|cos|tan|tanh|ln|max|min|sigma|relu|sgn|softplus)\s*(\(|-?[0-9.]+)/g, (_m, f: string, arg: string) =>
    (arg === '(' ? `${FUNCTIONS[f]}(` : `${FUNCTIONS[f]}(${arg})`));
  t = t.replace(/\\cdot|\\times/g, '*');
  // juxtaposition: a number before a parenthesis or a function is a product
  t = t.replace(/([0-9.)])\s+(?=[(MF])/g, '$1 * ');
  t = t.replace(/\*\*\(/g, '**(');
  // a unary minus as a factor −1: JavaScript refuses -a ** b, which TeX's -x^{4} means as −(x⁴)
  t = t.replace(/(^|[(,*+\-/=?:]\s*)-/g, '$1(-1)*');
  return t;
}

/**
 * The parts of a displayed row `lhs &= a = b = c \qquad \text{(note)}`: the
 * annotations dropped, split at the top-level ` = ` (not inside braces or a cases block).
 */
export function rowParts(row: string): string[] {
  const body = row
    .replace(/\\qquad \\text\{\(.*$/, '')
    .replace(/\s*\\\\$/, '')
    .replace(/&\\qquad \\text\{through \}.*?\\;\s*/, '')
    .replace('&', '') // the alignment point (a cases block has its own &)
    .replace(/^\s*= /, '');
  const parts: string[] = [];
  let depth = 0;
  let cases = 0;
  let last = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    if (body[i] === '}') depth--;
    if (body.startsWith('\\begin{cases}', i)) cases++;
    if (body.startsWith('\\end{cases}', i)) cases--;
    if (depth === 0 && cases === 0 && body.startsWith(' = ', i)) {
      parts.push(body.slice(last, i).trim());
      last = i + 3;
    }
  }
  parts.push(body.slice(last).trim());
  return parts.filter((p) => p !== '');
}
