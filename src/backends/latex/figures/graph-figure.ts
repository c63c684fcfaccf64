import { type Cell, type GraphLayout, layoutGraph } from '../../../compile/expression-graph-layout.js';
import type { NodeId } from '../../../ir/graph.js';
import type { Figure, FigureEdge, FigureNode } from '../../doc/figure.js';
import { formatNumber, simpleFraction } from '../../doc/number-format.js';
import { EM, LINE, figureProblems, placeEdgeLabels, texWidth } from '../../doc/figure-geometry.js';
import { layoutProblems } from '../../doc/figure-edges.js';
import { type ExpressionContext, adjointOf, nameOf, shown } from '../expression-context.js';
import { partial, texFormula } from '../tex-print.js';

/** The widest figure the page takes (cm; the text is about 16 cm wide). */
export const MAX_FIGURE_WIDTH = 15.5;
/** More nodes than this do not make a readable graph. */
const MAX_NODES = 24;
/** A symbolic local derivative (no point) wider than this (em) is left off its edge. */
const MAX_SYMBOLIC = 7;
/** Padding around a node's text, and the room between columns beside an edge label (cm). */
const PAD = 0.3;
const GAP = 0.9;
/** The room between two rows of nodes (cm). */
const ROW_GAP = 0.45;
/** The room between nodes is GAP and ROW_GAP times each of these, tried in order until no label sits on an edge. */
const SPREADS = [1, 2];
/** The tallest figure a page takes with its caption (cm). */
const MAX_FIGURE_HEIGHT = 18;

/**
 * The computational graph of an expression as a figure: the variables in
 * the first column, each step one column after its deepest argument (the
 * middle end's layout; an edge that skips columns bends through rows of its
 * own there); at the point, each node shows its value and, under it inside
 * the box, its adjoint ū, and each edge u → c the local derivative ∂c/∂u there
 * (without a point, the local derivative's formula when it is short).
 * Every number goes through the writer (rounded, recorded in the
 * companion). Undefined when the graph is too large to draw legibly.
 */
export function graphFigure(c: ExpressionContext): Figure | undefined {
  // laid out with the numbers formatted but not recorded; recorded only when the figure is drawn
  const style = { digits: c.out.digits };
  const draft = buildGraphFigure(c, { number: (value) => formatNumber(value, style), constant: (value) => simpleFraction(value, style) ?? formatNumber(value, style) });
  return draft === undefined ? undefined
    : buildGraphFigure(c, { number: (value, label) => shown(c, value, label), constant: (value, label) => c.out.constant(value, label) });
}

/** How the figure prints a number, and a constant (a local derivative that is a number: 1/3 as \\tfrac{1}{3}). */
interface Format {
  number(value: number, label: string): string;
  constant(value: number, label: string): string;
}

function buildGraphFigure(c: ExpressionContext, format: Format): Figure | undefined {
  const { e, derivation, worked } = c;
  // the layout has a node per variable and step: a graph too large to draw is not laid out
  if (e.variableNodes.length + c.names.steps.length > MAX_NODES) return undefined;
  const layout = layoutGraph(e.gradient.graph, e.variableNodes, c.names.steps, derivation);
  if (layout.nodes.length === 0 || layout.nodes.length > MAX_NODES) return undefined;
  const id = (node: NodeId) => `n${node}`;
  const label = (node: NodeId) => (node === e.gradient.output ? `${nameOf(c, node)} = ${c.symbol}` : nameOf(c, node));
  const texts = new Map(layout.nodes.map(({ node }) => [node, {
    label: label(node),
    // a step on a side not taken has no value at the point (nor local derivatives on its edges in)
    ...(worked ? { value: worked.computed(node) ? format.number(worked.value(node), nameOf(c, node)) : '\\text{not taken}' } : {}),
    ...(worked ? { note: `${adjointOf(c, node)} = ${format.number(worked.adjoint(node), adjointOf(c, node))}` } : {}),
  }]));
  const edgeLabels = layout.edges.map((edge) => {
    const local = edge.local;
    if (!local) return undefined;
    if (worked) {
      if (!worked.computed(edge.to)) return undefined;
      const print = derivation.graph.constantValue(local.node) === undefined ? format.number : format.constant;
      return print(worked.local(local), partial(nameOf(c, edge.to), nameOf(c, edge.from)));
    }
    const formula = texFormula(derivation.graph, local.node, c.derivationNames);
    return formula !== undefined && texWidth(formula) <= MAX_SYMBOLIC ? formula : undefined;
  });
  // each node's box as wide as its widest line: the name, the value and the adjoint under it
  const widthOf = (node: NodeId) => {
    const t = texts.get(node);
    return Math.max(texWidth(t?.label ?? '') * EM.normal, texWidth(t?.value ?? '') * EM.script, texWidth(t?.note ?? '') * EM.script) + PAD;
  };
  // the name, the value and the adjoint: three rows of an array, 4 pt closer than 13.6 pt apart, and TikZ's inner sep
  const height = worked ? 1.45 : 0.6;
  // left to right, else top to bottom; then both with more room between nodes (labels of crossing edges apart)
  const placements = SPREADS.flatMap((spread) => [across(layout, widthOf, height, edgeLabels, spread), down(layout, widthOf, height, spread)]);
  const figures = placements.flatMap((place) => {
    if (!place) return [];
    const nodes: FigureNode[] = layout.nodes.map((n) => {
      const t = texts.get(n.node);
      return {
        id: id(n.node),
        at: place.at(n),
        label: t?.label ?? '',
        ...(t?.value === undefined ? {} : { value: t.value }),
        ...(t?.note === undefined ? {} : { note: t.note }),
        shape: 'box',
        size: height,
        width: widthOf(n.node),
      };
    });
    const edges: FigureEdge[] = layout.edges.map((edge, i) => {
      const text = edgeLabels[i];
      return {
        from: id(edge.from),
        to: id(edge.to),
        ...(edge.via.length === 0 ? {} : { via: edge.via.map((cell) => place.at(cell)) }),
        ...(text === undefined ? {} : { label: text }),
      };
    });
    return [placeEdgeLabels({ view: { xMin: 0, xMax: place.width, yMin: 0, yMax: place.height, width: place.width }, nodes, edges })];
  });
  // the first placement that fits the page where no label sits on an edge, a node or another label and
  // no edge passes through a node; failing that, the first whose labels all find room
  return figures.find((f) => layoutProblems(f).length === 0) ?? figures.find((f) => figureProblems(f).length === 0);
}

/** Where each cell of the layout (a node's, or a bend of an edge) is centred (page cm), and the figure's extent. */
interface Placement {
  readonly width: number;
  readonly height: number;
  at(n: Cell): { x: number; y: number };
}

/** Rows of a layer centred on the figure's middle line: the offset (in rows) of a cell's row in its layer. */
function centredRow(layout: GraphLayout, n: Cell): number {
  return (layout.rows - layout.rowsOf[n.layer]) / 2 + n.row;
}

/**
 * Left to right: one column per layer, as wide as its widest node, followed
 * by a gap for the widest label of an edge leaving it; undefined when wider than the page.
 */
function across(layout: GraphLayout, width: (node: NodeId) => number, cell: number, labels: readonly (string | undefined)[], spread: number): Placement | undefined {
  const columnWidth = Array.from({ length: layout.layers }, (_v, l) => Math.max(...layout.nodes.filter((n) => n.layer === l).map((n) => width(n.node))));
  const layerOf = new Map(layout.nodes.map((n) => [n.node, n.layer]));
  const gapAfter = columnWidth.map((_w, l) => GAP * spread + Math.max(0, ...layout.edges.map((edge, i) =>
    (layerOf.get(edge.from) === l ? texWidth(labels[i] ?? '') * EM.small : 0))));
  const centres: number[] = [];
  let x = 0;
  columnWidth.forEach((w, l) => {
    centres.push(x + w / 2);
    x += w + gapAfter[l];
  });
  const figureWidth = x - gapAfter[gapAfter.length - 1];
  if (figureWidth > MAX_FIGURE_WIDTH) return undefined;
  const pitch = cell + ROW_GAP * spread;
  const height = layout.rows * pitch - ROW_GAP * spread;
  return { width: figureWidth, height, at: (n) => ({ x: centres[n.layer], y: height - cell / 2 - centredRow(layout, n) * pitch }) };
}

/**
 * Top to bottom (a graph too deep for the page's width): one row of the
 * figure per layer, the variables at the top, each row's nodes side by side
 * in columns as wide as the widest node; undefined when taller than MAX_FIGURE_HEIGHT.
 */
function down(layout: GraphLayout, width: (node: NodeId) => number, cell: number, spread: number): Placement | undefined {
  const gap = GAP * spread;
  const column = Math.max(...layout.nodes.map((n) => width(n.node))) + gap;
  const figureWidth = layout.rows * column - gap;
  const pitch = cell + LINE + ROW_GAP * spread; // room for an edge label between two rows
  const height = layout.layers * pitch - LINE - ROW_GAP * spread;
  if (figureWidth > MAX_FIGURE_WIDTH || height > MAX_FIGURE_HEIGHT) return undefined;
  return { width: figureWidth, height, at: (n) => ({ x: column / 2 - gap / 2 + centredRow(layout, n) * column, y: height - cell / 2 - n.layer * pitch }) };
}
