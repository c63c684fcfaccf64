import type { Graph, NodeId } from '../../ir/graph.js';
import { nodesNeeded } from '../../ir/order.js';
import { type ScanStep, scanLayout } from '../../ir/scan.js';
import type { OpName } from '../../ops/registry.js';
import type { LaneStep, Scatter } from '../../lower/lanes.js';
import { numberLiteral } from './format.js';
import { bodyStatements } from './lane-branches.js';
import { tsExpression } from './op-forms.js';
import type { HelperNames } from './helper-names.js';

/** What printing a recurrence's loop needs from the function around it (lane-functions.ts). */
export interface ScanContext {
  readonly graph: Graph;
  /** The loop index. */
  readonly index: string;
  readonly helpers: HelperNames;
  /** How code reads a node of the enclosing graph, outside a loop or inside one (its entry k). */
  ref(id: NodeId, inLoop: boolean): string;
  /** A new local name from `base`. */
  fresh(base: string): string;
  /** The local holding carry j of the scan (declared by the loop, read after it). */
  carryName(scan: NodeId, j: number): string;
  /** The module-level array keeping the scan's value (its tape). */
  tapeName(scan: NodeId): string;
  /** The user's name of the node a step node was made from, if any. */
  stepName(origin: NodeId | undefined): string | undefined;
  /** The local an element read used more than once is read into (`x[k]` → `x_k`). */
  elementLocal(text: string): string;
  /** The statement writing a scatter into the gradient, given its value this iteration. */
  scatter(s: Scatter, value: string): string;
}

/**
 * A recurrence (ir/scan.ts) as one loop: its carries as `let` locals, then
 * for each iteration (from the last down for a reverse sweep) the carries
 * kept on the tape where a later loop reads them, the step's nodes as
 * `const`s (selects on one condition as one if / else), the new carries
 * assigned, and its per-iteration outputs stored or written into the
 * gradient (`plan.scatters`). `plan.stored`: the ranges of the scan's value
 * that are read from the tape.
 */
export function scanStatements(p: ScanContext, plan: Extract<LaneStep, { kind: 'scan' }>, lines: string): string {
  const { node: scan, stored, scatters } = plan;
  const node = p.graph.node(scan);
  const step = node.attrs.scan as ScanStep;
  const layout = scanLayout(step);
  const { carries: c, invariants: q, length: m } = step;
  const sg = step.graph;
  const k = p.index;
  const isStored = (from: number, to: number) => stored.some(([a, b]) => a < to && from < b);
  const carry = Array.from({ length: c }, (_, j) => p.carryName(scan, j));

  const inputs = new Map(step.inputs.map((v, i) => [v, i] as const));
  const needed = nodesNeeded(sg, step.outputs).filter((id) => !inputs.has(id) && sg.node(id).op !== 'const');
  const uses = new Map<NodeId, number>();
  for (const id of needed) for (const a of sg.node(id).args) uses.set(a, (uses.get(a) ?? 0) + 1);
  // an element read more than once per iteration is read into a local
  const reads: string[] = [];
  const hoisted: string[] = [];
  const inputRef = new Map<NodeId, string>();
  step.inputs.forEach((v, i) => {
    if (i < c) inputRef.set(v, carry[i]);
    else if (i < c + q) {
      // a number from outside read from an array (x[0]) is read once, before the loop
      const text = p.ref(node.args[i], false);
      if (/\[/.test(text) && (uses.get(v) ?? 0) > 0) {
        const local = p.elementLocal(text);
        hoisted.push(`const ${local} = ${text};`);
        inputRef.set(v, local);
      } else inputRef.set(v, text);
    }
    else {
      const text = p.ref(node.args[i], true);
      if ((uses.get(v) ?? 0) > 1 && /\[/.test(text)) {
        const local = p.elementLocal(text);
        reads.push(`const ${local} = ${text};`);
        inputRef.set(v, local);
      } else inputRef.set(v, text);
    }
  });

  // a new carry whose node nothing else reads is assigned its expression directly, unless it reads a carry assigned before it
  const outputs = step.outputs.slice(0, c);
  const ysNodes = step.outputs.slice(c);
  const direct = new Set(outputs.filter((o, j) => !inputs.has(o) && sg.node(o).op !== 'const' && (uses.get(o) ?? 0) === 0
    && outputs.indexOf(o) === j && !ysNodes.includes(o) && !sg.node(o).args.some((a) => (inputs.get(a) ?? c) < j)));
  const locals = new Map<NodeId, string>();
  const name = (id: NodeId): string => {
    if (!locals.has(id)) locals.set(id, p.fresh(p.stepName(step.origins.get(id)) ?? 't'));
    return locals.get(id) as string;
  };
  const ref = (id: NodeId): string => {
    const n = sg.node(id);
    if (n.op === 'const') return numberLiteral(n.attrs.value as number);
    return inputRef.get(id) ?? name(id);
  };
  const expression = (id: NodeId): string => {
    const n = sg.node(id);
    return tsExpression(n.op as OpName, n.args.map(ref), n.attrs, p.helpers);
  };
  const { lines: body } = bodyStatements(sg, needed.filter((id) => !direct.has(id)), { name, expression, ref, inlined: new Set() });
  // a new carry that is an old one (a swap) is read before any is assigned
  const swapped = outputs.map((o, j) => {
    const i = inputs.get(o);
    return i !== undefined && i < c && i !== j ? p.fresh(`${carry[i]}_old`) : undefined;
  });
  const assigned = outputs.map((o, j) => {
    if (direct.has(o)) return `${carry[j]} = ${expression(o)};`;
    if (swapped[j] !== undefined) return `${carry[j]} = ${swapped[j]};`;
    return ref(o) === carry[j] ? '' : `${carry[j]} = ${ref(o)};`;
  }).filter((line) => line !== '');
  const at = (offset: number) => (offset === 0 ? k : `${k} + ${offset}`);
  const tape = p.tapeName(scan);
  const keep = carry.flatMap((name, j) => (isStored(layout.before + j * m, layout.before + (j + 1) * m) ? [`${tape}[${at(layout.before + j * m)}] = ${name};`] : []));
  const ys = ysNodes.flatMap((y, j) => (isStored(layout.ys + j * m, layout.ys + (j + 1) * m) ? [`${tape}[${at(layout.ys + j * m)}] = ${ref(y)};`] : []));
  // a per-iteration output read only by the gradient is written there directly
  const scattered = scatters.map((x) => p.scatter(x, ref(ysNodes[(p.graph.node(x.value).attrs.value as number - layout.ys) / m])));
  const header = step.reverse ? `for (let ${k} = ${m - 1}; ${k} >= 0; ${k}--) {` : `for (let ${k} = 0; ${k} < ${m}; ${k}++) {`;
  const what = step.adjoint === true
    ? `// the recurrence${lines} in reverse, ${k} = ${step.reverse ? `${m - 1} … 0` : `0 … ${m - 1}`} (the loop's order backwards): the adjoints carried from each iteration to the one that ran before it`
    : `// the recurrence${lines}: ${m} iterations${step.reverse ? ' from the last down' : ''}, each reading the values the one before computed`;
  return [
    what,
    ...hoisted,
    `let ${carry.map((name, j) => `${name} = ${p.ref(node.args[j], false)}`).join(', ')};`,
    header,
    ...keep,
    ...reads,
    ...body,
    ...swapped.flatMap((s, j) => (s === undefined ? [] : [`const ${s} = ${inputRef.get(outputs[j])};`])),
    ...ys, // before the carries change: a y may be a carry's old value
    ...scattered,
    ...assigned,
    '}',
  ].join('\n');
}

/** The source lines a scan's step was made from, for its comment. */
export function stepOrigins(g: Graph, scan: NodeId): NodeId[] {
  return [...(g.node(scan).attrs.scan?.origins.values() ?? [])];
}
