// The notes of TypeScript functions, as a new user reads them (issue 10,
// fn-trial): each a defect found trying the feature.
import { describe, expect, it } from 'vitest';
import { compileFunctions, modelText } from './helpers/function-model.js';

const notesOf = async (body: string) => {
  const c = await compileFunctions(modelText(body));
  const file = (ext: string) => c.compiled.files.find((f) => f.name.endsWith(ext))?.content ?? '';
  return { c, tex: file('.tex'), html: file('.html') };
};

describe('the heading of a function', () => {
  it('names the function and cites its source, not "The expression" (found: every function was headed "The expression f")', async () => {
    const { tex, html } = await notesOf(`export const one = differentiable((x: number) => x * x, { at: { x: 2 } });
export const two = differentiable((x: number, y: number) => {
  const s = x + y;
  return s * s;
});
export const E = expr('x^2');`);
    expect(tex).toContain('\\section{The function $\\mathit{one}$ (\\texttt{model.ts}, line 2)}');
    expect(tex).toContain('\\section{The function $\\mathit{two}$ (\\texttt{model.ts}, lines 3--6)}');
    expect(tex).toContain('\\section{The expression $E$}');
    expect(tex).toContain('\\subsection*{The function $\\mathit{two}$}');
    expect(tex).not.toContain('lines 2--2');
    expect(tex).toContain('In the model, \\texttt{model.ts}, line 2, \\texttt{one} is this function:');
    expect(html).toMatch(/The function <span[^]*?<code>model\.ts<\/code>, line 2\)/);
  });
});
