import { opRule, slotName } from '../../compile/op-rules.js';
import type { NodeId } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import { EXPONENTIAL_RULE, RULE_NAMES } from '../print/rule-names.js';
import { guardedLogArgument } from '../../ir/guarded-log.js';
import { nodesNeeded } from '../../ir/order.js';
import { type ExpressionContext, nameOf, shown } from './expression-context.js';
import { partial, texDefinition, texFormula } from './tex-print.js';
import { elideIterations } from './elided-iterations.js';
import { listed } from '../../util/plural.js';

/**
 * The rule a step's local derivative follows, by the step's op ("product rule");
 * a product with a constant factor (3 v₁), or a quotient by a constant (v₁ / 2), follows the constant factor rule, (c u)′ = c u′;
 * a power differentiated in its exponent (∂(a^b)/∂b = a^b ln a, `arg` the exponent) the exponential rule.
 */
export function ruleName(c: ExpressionContext, step: NodeId, arg?: NodeId): string {
  const g = c.e.gradient.graph;
  const node = g.node(step);
  if (node.op === 'const' || node.op === 'var') return '';
  if (node.op === 'mul' && node.args.some((a) => g.constantValue(a) !== undefined)) return RULE_NAMES.neg;
  // u / c = (1/c) · u: a constant divisor is a constant factor, not a quotient to differentiate
  if (node.op === 'div' && g.constantValue(node.args[1]!) !== undefined) return RULE_NAMES.neg;
  if (node.op === 'pow' && arg !== undefined && arg === node.args[1]) {
    return arg === node.args[0] ? `${RULE_NAMES.pow} and ${EXPONENTIAL_RULE}` : EXPONENTIAL_RULE;
  }
  return RULE_NAMES[node.op];
}

/**
 * The rules used, each stated once in general form from its op's vjp
 * (∂(ab)/∂a = b, d/du sin u = cos u), then ∂v_k/∂(argument) for every step,
 * each naming its rule, with its value at the point.
 */
export function writeLocalDerivatives(c: ExpressionContext): void {
  const { derivation: d, out, worked } = c;
  out.subsection('Local derivatives');
  if (d.locals.length === 0) {
    out.paragraph('No step depends on the variables, so there is nothing to differentiate.');
    return;
  }
  writeRules(c);
  out.paragraph('The derivative of each step with respect to each of its arguments, with the other arguments held fixed'
    + (worked ? ', and its value at the point:' : ':'));
  out.align(elideIterations(c, d.locals, (l) => l.step, (l) => {
    const lhs = partial(nameOf(c, l.step), nameOf(c, l.arg));
    // A constant local derivative (3, 1) is its own value; a step on a side not taken has none at the point.
    const taken = !worked || worked.computed(l.step);
    const value = worked && taken && d.graph.constantValue(l.node) === undefined ? ` = ${shown(c, worked.local(l), lhs)}` : '';
    return [`${lhs} &= ${texFormula(d.graph, l.node, c.derivationNames) ?? '?'}${value}`
      + ` \\qquad \\text{(${ruleName(c, l.step, l.arg)}${taken ? '' : '; not computed: a side not taken'})}`];
  }));
  writeKinks(c);
}

/** Ops with a kink: |u| and ReLU(u) at u = 0, max and min where two arguments are equal. */
const KINKED: ReadonlySet<string> = new Set(['abs', 'relu', 'max', 'min']);

/**
 * A worked point on a kink says so: the derivative does not exist there (the
 * slopes on either side differ), and the local derivative printed is the
 * one the generated code takes (sgn 0 = 0, H(0) = 0, the argument max picks).
 */
function writeKinks(c: ExpressionContext): void {
  const { worked, out } = c;
  if (!worked) return;
  const g = c.e.gradient.graph;
  const valueOf = (id: NodeId) => g.constantValue(id) ?? worked.value(id);
  const onKink = c.names.steps.filter((id) => {
    const n = g.node(id);
    if (!KINKED.has(n.op) || !worked.computed(id)) return false;
    const args = n.args.map(valueOf);
    return n.op === 'abs' || n.op === 'relu' ? args[0] === 0 : args.some((a, i) => args.indexOf(a) !== i);
  });
  if (onKink.length === 0) return;
  const steps = onKink.map((id) => out.inline(`${nameOf(c, id)} = ${texDefinition(g, id, c.derivationNames)}`));
  out.paragraph(`At the point, ${listed(steps)} ${steps.length === 1 ? 'sits' : 'sit'} on a kink (${out.inline('|u|')} and `
    + `${out.inline('\\operatorname{ReLU}(u)')} at ${out.inline('u = 0')}, ${out.inline('\\max')} and ${out.inline('\\min')} where two arguments are equal): `
    + 'the slopes on either side differ, so the derivative does not exist there. The local derivative printed is the one the generated code takes '
    + `(${out.inline('\\operatorname{sgn} 0 = 0')}, ${out.inline('H(0) = 0')}, the argument ${out.inline('\\max')} or ${out.inline('\\min')} picks), `
    + 'one of the slopes or a value between them; central differences would give the average of the two slopes instead.');
}

/** The general rules of the ops the expression differentiates, for the argument slots it uses. */
function writeRules(c: ExpressionContext): void {
  const g = c.e.gradient.graph;
  const slots = new Map<OpName, Set<number>>();
  // each op's rule is listed under the name its steps use: the constant factor rule when every product has a constant factor
  const named = new Map<OpName, Set<string>>();
  for (const l of c.derivation.locals) {
    const node = g.node(l.step);
    if (node.op === 'const' || node.op === 'var') continue;
    const used = slots.get(node.op) ?? new Set<number>();
    node.args.forEach((a, i) => { if (a === l.arg) used.add(i); });
    slots.set(node.op, used);
    named.set(node.op, (named.get(node.op) ?? new Set<string>()).add(ruleName(c, l.step)));
  }
  const rows: string[] = [];
  for (const [op, used] of slots) {
    const rule = opRule(op, [...used].sort());
    if (!rule || rule.slots.length === 0) continue;
    const names = (id: NodeId) => {
      const n = rule.graph.node(id);
      return n.op === 'var' ? n.attrs.name : undefined;
    };
    const applied = texFormula(rule.graph, rule.applied, () => undefined, 200) ?? '';
    const arity = rule.graph.node(rule.applied).args.length;
    const name = named.get(op)?.size === 1 ? [...(named.get(op) ?? [])][0] : RULE_NAMES[op];
    let shownName: string | undefined;
    for (const s of rule.slots) {
      const variable = rule.graph.node(s.variable).attrs.name ?? slotName(arity, 0);
      const of = arity === 1 ? `\\frac{d}{du} ${applied}` : partial(`\\left(${applied}\\right)`, variable);
      // a^b differentiated in b follows the exponential rule; ln a there is 0 at a = 0 (stated once, here)
      const slotRule = op === 'pow' && s.variable === rule.graph.node(rule.applied).args[1] ? EXPONENTIAL_RULE : name;
      const guarded = nodesNeeded(rule.graph, [s.derivative]).some((id) => guardedLogArgument(rule.graph, id) !== undefined);
      const convention = guarded
        ? ` \\qquad \\text{(at } a = 0\\text{: } 0\\text{, the limit of } a^{b} \\ln a \\text{ for } b > 0\\text{)}` : '';
      // One statement per row: a piecewise op's statements are two cases blocks each; the rule named on its first row.
      rows.push(`&${slotRule === shownName ? '' : `\\text{${slotRule}:}`} && ${of} = ${texFormula(rule.graph, s.derivative, names) ?? '?'}${convention}`);
      shownName = slotRule;
    }
  }
  if (rows.length === 0) return;
  c.out.paragraph('The rules used, each from its operation\'s own derivative:');
  c.out.align(rows);
}
