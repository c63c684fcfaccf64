import type { Graph, NodeId } from '../../ir/graph.js';
import { type HelperName, tsExpression } from './op-forms.js';
import { numberLiteral } from './format.js';

/**
 * Straight-line code for scalar nodes: one `const` per op node, in the
 * given order; constants are inlined and variables are the parameters.
 * `nameOf` gives each node its readable name (tied to the notes).
 */
export interface Statements {
  readonly lines: string[];
  readonly helpers: ReadonlySet<HelperName>;
}

export function emitStatements(
  g: Graph,
  order: readonly NodeId[],
  nameOf: (id: NodeId) => string,
  alreadyDefined: ReadonlySet<NodeId> = new Set(),
): Statements {
  const lines: string[] = [];
  const helpers = new Set<HelperName>();
  for (const id of order) {
    const n = g.node(id);
    if (n.op === 'const' || n.op === 'var' || alreadyDefined.has(id)) continue;
    lines.push(`const ${nameOf(id)} = ${tsExpression(n.op, n.args.map((a) => reference(g, a, nameOf)), n.attrs, helpers)};`);
  }
  return { lines, helpers };
}

/** How code refers to a node: a constant's literal, else its name. */
export function reference(g: Graph, id: NodeId, nameOf: (id: NodeId) => string): string {
  const value = g.constantValue(id);
  return value === undefined ? nameOf(id) : numberLiteral(value);
}
