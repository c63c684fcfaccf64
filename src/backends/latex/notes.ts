import type { CompiledExpression } from '../../compile/expression.js';
import type { CompiledNetwork } from '../../compile/network/compile-network.js';
import type { CompiledSequenceNetwork } from '../../compile/network/compile-sequence.js';
import type { GeneratedFrom } from '../generated-from.js';
import { fillTemplate } from '../../util/templates.js';
import { type ExpressionContext, expressionContext } from './expression-context.js';
import { texSymbols } from './tex-symbols.js';
import { expressionTitle, writeGivens } from './sections-given.js';
import { writeForwardPass } from './sections-forward.js';
import { writeGraph } from './sections-graph.js';
import { writeLocalDerivatives } from './sections-local.js';
import { writeBackwardPass } from './sections-backward.js';
import { writeAppendix } from './sections-appendix.js';
import { writeResult } from './sections-result.js';
import { writeDescent } from './sections-descent.js';
import { writeNetwork, writeNetworkAppendix } from './network/network-section.js';
import { writeSequenceNetwork } from './network/recurrent/sequence-section.js';
import { TexWriter, escapeText } from './tex-writer.js';
import type { NotesValues } from '../doc/companion.js';
import type { Block } from '../doc/document.js';

/** A notes document, every formula in it (each renders on its own in display mode) and every number it shows. */
export interface RenderedNotes {
  readonly document: string;
  readonly formulas: readonly string[];
  /** The companion's content: each number shown, at full precision, with its label and place. */
  readonly values: NotesValues;
  /** The document as blocks, for the HTML backend. */
  readonly blocks: readonly Block[];
}

/** How the notes print: `digits`, the significant digits of every computed number (default 6). */
export interface NotesOptions {
  readonly digits?: number;
}

/**
 * The derivation notes for a model's expressions and networks: a standalone
 * LaTeX document (article; amsmath, amssymb, longtable), deterministic, with a
 * header saying it is generated, from which file and by which command. The
 * networks come after the expressions; without networks the document is
 * exactly the expressions' notes.
 */
export function renderNotes(
  expressions: readonly CompiledExpression[],
  from: GeneratedFrom,
  networks: readonly (CompiledNetwork | CompiledSequenceNetwork)[] = [],
  options: NotesOptions = {},
): string {
  return buildNotes(expressions, from, networks, options).document;
}

/** renderNotes, also returning the formulas it emitted (for checking each with a math parser). */
export function buildNotes(
  expressions: readonly CompiledExpression[],
  from: GeneratedFrom,
  networks: readonly (CompiledNetwork | CompiledSequenceNetwork)[] = [],
  options: NotesOptions = {},
): RenderedNotes {
  const out = new TexWriter(options.digits);
  // The v_k / adjoint notation is the expressions'; a model with only networks does without it.
  if (expressions.length > 0 || networks.length === 0) writeNotation(out);
  const symbols = texSymbols(expressions.flatMap((e) => [e.name, ...e.variables]));
  const contexts = expressions.map((e) => expressionContext(e, out, symbols));
  for (const c of contexts) writeExpression(c);
  const feedforward = networks.filter((n): n is CompiledNetwork => !isSequenceNetwork(n));
  for (const n of networks) {
    if (isSequenceNetwork(n)) writeSequenceNetwork(n, out);
    else writeNetwork(n, out);
  }
  if (feedforward.length > 0) {
    out.section('Appendix: how the generated code computes the networks');
    for (const n of feedforward) writeNetworkAppendix(n, out);
  }
  if (contexts.length > 0) {
    out.section('Appendix: what the compiler does with the expressions');
    for (const c of contexts) writeAppendix(c);
  }
  const document = [fillTemplate('notes-preamble.tex', headerValues(from)), out.body(), '\\end{document}', ''].join('\n');
  return { document, formulas: out.formulas(), values: out.values(), blocks: out.blocks() };
}

function isSequenceNetwork(n: CompiledNetwork | CompiledSequenceNetwork): n is CompiledSequenceNetwork {
  return 'kind' in n && n.kind === 'sequence-network';
}

/** One expression as a worked solution: given, the computational graph, forward pass, local derivatives, backward pass, result. */
function writeExpression(c: ExpressionContext): void {
  c.out.section(expressionTitle(c));
  writeGivens(c);
  writeGraph(c);
  writeForwardPass(c);
  writeLocalDerivatives(c);
  writeBackwardPass(c);
  writeResult(c);
  writeDescent(c);
}

/** The notation used throughout: v_k, v̄ = ∂E/∂v, adjoint = Σ upstream × local, and how products and shared parts are written. */
function writeNotation(out: TexWriter): void {
  out.section('Notation');
  out.paragraph(`Each expression ${out.inline('E')} is computed by a sequence of primitive steps `
    + `${out.inline('v_1, v_2, \\dots, v_n')}, the forward pass: each step applies one operation to the variables, `
    + `constants and earlier steps, and the last step is ${out.inline('E')} itself.`);
  out.paragraph(`For a variable or step ${out.inline('u')}, its adjoint is ${out.inline(`\\bar{u} = ${'\\frac{\\partial E}{\\partial u}'}`)}, `
    + `the sensitivity of the output to ${out.inline('u')}. The backward pass computes the adjoints in reverse order, `
    + `starting from the seed ${out.inline('\\bar{v}_n = \\frac{\\partial E}{\\partial v_n} = 1')}, by the chain rule:`);
  out.equation('\\bar{u} = \\sum_{c \\text{ uses } u} \\bar{c} \\, \\frac{\\partial c}{\\partial u}'
    + ' \\qquad \\text{(adjoint = }\\textstyle\\sum\\text{ upstream}\\times\\text{local)}');
  out.paragraph(`Here ${out.inline('\\frac{\\partial c}{\\partial u}')} is the local derivative: the derivative of `
    + `the single operation of step ${out.inline('c')} with respect to its argument ${out.inline('u')}, the other arguments held fixed. `
    + `A value used by several steps (fan-out) collects one term per use. `
    + `The adjoints of the variables are the gradient: ${out.inline('\\bar{x}_i = \\frac{\\partial E}{\\partial x_i}')}.`);
  out.paragraph(`Products of symbols are written ${out.inline('a \\cdot b')}, products of numbers ${out.inline('0.5 \\times 3')}. `
    + `In the results, a subexpression that would be printed more than once is named once, ${out.inline('s_1, s_2, \\dots')}, `
    + 'and used by its name; every formula there is in the variables.');
}

/** Template values: raw text for the comment lines (one line each), escaped text for the title. */
function headerValues(from: GeneratedFrom): Record<string, string> {
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
  return {
    version: escapeText(from.version),
    source: oneLine(from.source),
    command: oneLine(from.command),
    sourceTex: escapeText(from.source),
  };
}
