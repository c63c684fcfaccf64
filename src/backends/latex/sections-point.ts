import type { NodeId } from '../../ir/graph.js';
import { evaluateGraph, evaluateScalars } from '../../ir/evaluate.js';
import { type ExpressionContext, nameOf, pointTex, variablesTex } from './expression-context.js';
import { bmatrix } from './sections-result.js';
import { fullPrecision, partial, secondPartial, texDefinition, texNumber, texRounded } from './tex-print.js';

/**
 * With a point: every forward node's value v and adjoint v̄ = ∂E/∂v there, at
 * full precision, then the value, gradient (and Hessian) there; only the
 * closing sentence rounds, for reading.
 */
export function writePoint(c: ExpressionContext): void {
  const { e, out } = c;
  const p = e.point;
  if (!p) return;
  out.subsection(`At the point ${out.inline(pointTex(c) ?? '')}`);
  out.paragraph('Every value and adjoint, from the forward and backward passes above, at full precision '
    + '(the shortest decimal that reads back as the same double-precision number):');
  writeNodeTable(c);
  const rows = [`${c.symbol} &= ${texNumber(p.value)}`];
  variablesTex(c).forEach((x, i) => rows.push(`${partial(c.symbol, x)} &= ${texNumber(p.gradient[i])}`));
  out.align(rows);
  if (e.hessian) {
    const n = e.variables.length;
    const flat = evaluateScalars(e.hessian.graph, e.hessian.rows.flat(), p.values);
    const cells = e.variables.map((_v, i) => flat.slice(i * n, (i + 1) * n).map(texNumber));
    out.equation(`\\nabla^2 ${c.symbol} = ${bmatrix(cells)}`);
  }
  writeRoundedSummary(c);
}

/** One row per variable and forward step: name, definition, value, adjoint. */
function writeNodeTable(c: ExpressionContext): void {
  const { e, names, out } = c;
  const p = e.point;
  if (!p) return;
  const d = e.gradient;
  const nodes: NodeId[] = [...e.variableNodes, ...names.steps];
  const adjoints = nodes.map((id) => d.adjoints.get(id));
  const roots = [...nodes, ...adjoints.filter((a): a is NodeId => a !== undefined)];
  const values = evaluateGraph(d.graph, roots, p.values);
  const valueOf = (id: NodeId) => values.get(id)?.data[0] ?? NaN;
  const active = new Set(d.active);
  const named = (id: NodeId) => names.forwardName(id)?.tex;
  const rows = nodes.map((id, i) => {
    const definition = d.graph.node(id).op === 'var' ? 'given' : out.inline(texDefinition(d.graph, id, named));
    const adjoint = adjoints[i];
    // No adjoint: zero for a node E does not depend on through the variables; not needed for a constant step.
    const adjointCell = adjoint !== undefined ? fullPrecision(valueOf(adjoint))
      : active.has(id) || d.graph.node(id).op === 'var' ? fullPrecision(0) : 'not needed';
    return [out.inline(nameOf(c, id)), definition, fullPrecision(valueOf(id)), adjointCell];
  });
  const header = ['node', 'definition', `value ${out.inline('v')}`, `adjoint ${out.inline(`\\bar{v} = ${partial(c.symbol, 'v')}`)}`];
  out.table('llll', header, rows);
}

/** The value and gradient rounded to 6 significant digits: the only rounded numbers in the notes. */
function writeRoundedSummary(c: ExpressionContext): void {
  const { e, out } = c;
  const p = e.point;
  if (!p) return;
  const gradient = variablesTex(c)
    .map((x, i) => out.inline(`${partial(c.symbol, x)} \\approx ${texRounded(p.gradient[i])}`))
    .join(', ');
  out.paragraph(`Rounded to 6 significant digits for reading: ${out.inline(`${c.symbol} \\approx ${texRounded(p.value)}`)} `
    + `and ${gradient}. Only this sentence rounds; the table and the equations above are at full precision.`);
}
