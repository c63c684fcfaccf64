import type { Graph, NodeId } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import type { BranchPlan, Condition, Item } from '../../lower/branch-blocks.js';
import { tsExpression } from './op-forms.js';
import type { HelperNames } from './helper-names.js';
import { reference } from './reference.js';

/** The comparison of each select in code. */
const RELATIONS: Readonly<Record<string, string>> = { select_lt: '<', select_le: '<=', select_eq: '===' };

/** The statements of a branch plan (lower/branch-blocks.ts), before and from its second phase, and the declarations of the carried nodes. */
export interface BranchStatements {
  readonly declarations: string[];
  readonly first: string[];
  readonly second: string[];
}

/**
 * Prints a branch plan: `const name = expression;` per node, and each `if`
 * as `let m1: number, …; if (a < b) { … m1 = x; } else { … m1 = y; }` — an
 * inner `if` whose members only set an outer one's is an `else if`. `hold`
 * takes each run of straight-line statements at its indentation (prettier
 * skips them, backends/ts/preformatted.ts).
 */
export function printBranchPlan(
  g: Graph,
  plan: BranchPlan,
  nameOf: (id: NodeId) => string,
  helpers: HelperNames,
  hold: (lines: readonly string[], indent: number) => string[],
): BranchStatements {
  const target = (id: NodeId): NodeId => {
    let t = id;
    while (plan.forwarded.has(t)) t = plan.forwarded.get(t) as NodeId;
    return t;
  };
  const name = (id: NodeId) => nameOf(target(id));
  const ref = (id: NodeId) => reference(g, id, name);
  const define = (id: NodeId, value: string) => `${plan.carried.has(id) || plan.forwarded.has(id) ? '' : 'const '}${name(id)} = ${value};`;

  const statement = (item: Exclude<Item, { kind: 'if' }>): string | undefined => {
    switch (item.kind) {
      case 'node': {
        const n = g.node(item.id);
        return define(item.id, tsExpression(n.op as OpName, n.args.map(ref), n.attrs, helpers));
      }
      case 'pick':
        return define(item.id, ref(item.from));
      case 'assign':
        return target(item.from) === target(item.id) ? undefined : `${name(item.id)} = ${ref(item.from)};`;
    }
  };

  const block = (items: readonly Item[], indent: number): string[] => {
    const lines: string[] = [];
    let run: string[] = [];
    const flush = () => {
      lines.push(...hold(run, indent));
      run = [];
    };
    for (const item of items) {
      if (item.kind !== 'if') {
        const line = statement(item);
        if (line !== undefined) run.push(line);
        continue;
      }
      const declared = declaredMembers(item);
      if (declared.length > 0) run.push(`let ${declared.map((m) => `${name(m)}: number`).join(', ')};`);
      flush();
      lines.push(...ifStatement(item, indent));
    }
    flush();
    return lines;
  };

  // (a < b && c < d) || e < f: prettier's parentheses where && and || mix
  const conditionText = (c: Condition, within?: 'and' | 'or'): string => {
    if (c.kind === 'compare') return `${ref(c.a)} ${RELATIONS[c.op]} ${ref(c.b)}`;
    const text = `${conditionText(c.p, c.kind)} ${c.kind === 'and' ? '&&' : '||'} ${conditionText(c.q, c.kind)}`;
    return within !== undefined && within !== c.kind ? `(${text})` : text;
  };

  const declaredMembers = (item: Extract<Item, { kind: 'if' }>) => item.members.filter((m) => !plan.carried.has(m) && !plan.forwarded.has(m));

  const ifStatement = (item: Extract<Item, { kind: 'if' }>, indent: number): string[] => {
    const condition = conditionText(item.condition);
    const then = block(item.then.items, indent + 2);
    const otherwise = block(item.else.items, indent + 2);
    if (then.length === 0) return [`if (!(${condition})) {`, ...otherwise, '}'];
    if (otherwise.length === 0) return [`if (${condition}) {`, ...then, '}'];
    // else if: the else branch is one if statement (its members are set as the outer ones, nothing declared)
    const printed = item.else.items.filter((i) => i.kind !== 'assign' || target(i.from) !== target(i.id));
    const chained = printed.length === 1 && printed[0].kind === 'if' && declaredMembers(printed[0]).length === 0;
    return [`if (${condition}) {`, ...then, ...(chained ? [`} else ${otherwise[0]}`, ...otherwise.slice(1)] : ['} else {', ...otherwise, '}'])];
  };

  const carried = [...plan.carried].filter((id) => !plan.forwarded.has(id));
  return {
    // carried nodes are set inside a branch and read in a later one on the same condition
    declarations: carried.length === 0 ? [] : [`let ${carried.map((id) => `${name(id)} = 0`).join(', ')};`],
    first: block(plan.root.items.slice(0, plan.secondPhase), 2),
    second: block(plan.root.items.slice(plan.secondPhase), 2),
  };
}
