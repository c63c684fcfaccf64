import type { Graph, NodeId } from '../../ir/graph.js';
import type { OpName } from '../../ops/registry.js';
import { type LaneOutput, type LanePlan, type LaneLoop, type Scatter, isReduction, planLanes } from '../../lower/lanes.js';
import { tsExpression } from './op-forms.js';
import type { HelperNames } from './helper-names.js';
import { numberLiteral } from './format.js';
import { bodyStatements } from './lane-branches.js';
import { argumentChecks } from './argument-checks.js';
import { nodesNeeded } from '../../ir/order.js';
import { type ScanStep, scanLayout } from '../../ir/scan.js';
import { scanStatements, stepOrigins } from './scan-statements.js';

/** A generated function over a graph with loops kept as loops (lower/lanes.ts plans it). */
export interface LaneFunctionSpec {
  /** The function's name (`rosenbrock_grad`); module-level arrays are named after it. */
  readonly name: string;
  readonly doc: string;
  readonly graph: Graph;
  readonly value: NodeId;
  /** The parameters in order, with their variable nodes (a vector parameter is one node of shape [n]). */
  readonly parameters: readonly { readonly name: string; readonly length?: number; readonly node: NodeId }[];
  /** 'positional': f(x, y, grad); 'vector': f(input, grad) with the numbers unpacked first. */
  readonly form: 'positional' | 'vector';
  /** The vector form's array, when not `input` (a user's parameter has that name). */
  readonly input?: string;
  /** The output array (grad) and what goes where in it. */
  readonly output?: { readonly name: string; readonly entries: readonly LaneOutput[] };
  /** The user's name for a node (a variable of the function), if any. */
  readonly nameOf: (id: NodeId) => string | undefined;
  /** The source line a node was computed on, if known. */
  readonly lineOf: (id: NodeId) => number | undefined;
  /** The same for the node of the translated graph a recurrence's step node was made from (its origin). */
  readonly stepNameOf?: (origin: NodeId) => string | undefined;
  readonly stepLineOf?: (origin: NodeId) => number | undefined;
  /** Top-level names of the module the exports define (E, E_grad, …, a network's class): the tables and tapes take others. */
  readonly moduleTaken?: ReadonlySet<string>;
  /** The tables already in the module for this graph (E's, read again by E_grad): one array per constant lane. */
  readonly tables?: ModuleTables;
}

/**
 * The constant tables of one expression's functions (E, E_grad and their vector forms print the
 * same looped graph): each table array is filled once in the module, named after the expression
 * (`huber_table1`), and every function that reads that node reads it. The constant
 * arrays of the source the loops read (`const T = [0.1, 0.4, …]`), by their name and
 * numbers, are one module array each (`huber_T`), which every export reading T reads.
 */
export class ModuleTables {
  readonly names = new Map<NodeId, string>();
  constructor(
    readonly owner: string,
    readonly arrays = new Map<string, string>(),
  ) {}
}

/** Names that must not be shadowed by a local: the globals the code calls (and the helpers, by their names in the module). */
const RESERVED = ['Math', 'Float64Array', 'undefined', 'NaN', 'Infinity'];

/**
 * Prints a function whose loops were kept as loops: each stage of the plan
 * as scalar `const`s or one `for` loop over its lanes, sums as `let`
 * accumulators, vector gradients by `+=` scatters; `moduleCode` holds the
 * arrays it uses (tapes, and tables filled once when the module loads).
 */
export function emitLaneFunction(spec: LaneFunctionSpec, helpers: HelperNames): { code: string; moduleCode: string } {
  const g = spec.graph;
  const plan = planLanes(g, spec.value, spec.output?.entries ?? []);
  const taken = new Set<string>([...RESERVED, ...helpers.all, ...(spec.moduleTaken ?? []), ...spec.parameters.map((p) => p.name), ...(spec.output ? [spec.output.name] : []), spec.input ?? 'input']);
  const fresh = (base: string): string => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    return name;
  };
  const tables = spec.tables ?? new ModuleTables(spec.name);
  const local = new Set(taken); // a module array under one of these names would be shadowed here
  for (const name of [...tables.names.values(), ...tables.arrays.values()]) taken.add(name);
  const moduleNames = new Map<NodeId, string>(tables.names);
  const newArrays = new Map<string, readonly number[]>();
  for (const id of plan.literals) {
    const n = g.node(id);
    const values = n.attrs.values as readonly number[];
    const key = `${n.attrs.name ?? ''} ${values.join(',')}`;
    if (!tables.arrays.has(key) || local.has(tables.arrays.get(key) as string)) {
      const name = fresh(`${tables.owner}_${(n.attrs.name ?? 'array').replace(/[^\w$]/g, '_')}`);
      tables.arrays.set(key, name);
      newArrays.set(name, values);
    }
    moduleNames.set(id, tables.arrays.get(key) as string);
  }
  const newTables = plan.tables.flatMap((t) => t.kept).filter((id) => !tables.names.has(id));
  newTables.forEach((id) => {
    const name = fresh(`${tables.owner}_table${tables.names.size + 1}`);
    tables.names.set(id, name);
    moduleNames.set(id, name);
  });
  plan.tapes.forEach((id, j) => moduleNames.set(id, fresh(`${spec.name}_tape${j + 1}`)));
  const scans = plan.steps.flatMap((s) => (s.kind === 'scan' && s.stored.length > 0 ? [s.node] : []));
  scans.forEach((id, j) => moduleNames.set(id, fresh(`${spec.name}_tape${plan.tapes.length + j + 1}`)));
  const index = fresh('k');
  const locals = new Map<NodeId, string>();
  const localName = (id: NodeId): string => {
    if (!locals.has(id)) locals.set(id, fresh(spec.nameOf(id) ?? (isReduction(g, id) ? 's' : 't')));
    return locals.get(id) as string;
  };
  for (const p of spec.parameters) locals.set(p.node, p.name);

  const carries = new Map<string, string>();
  const stepName = (origin: NodeId | undefined) => (origin === undefined ? undefined : spec.stepNameOf?.(origin));
  const carryBase = (scan: NodeId, j: number): string => {
    const n = g.node(scan);
    const step = n.attrs.scan as ScanStep;
    if (step.adjoint !== true) {
      const final = g.nodes.find((u) => u.op === 'slice' && u.args[0] === scan && u.attrs.value === j && u.shape.length === 0);
      return (final && spec.nameOf(final.id)) ?? stepName(step.origins.get(step.outputs[j])) ?? 'c';
    }
    // a reverse sweep carries the adjoints of the forward carries (read back from its tape), then of the invariants
    const forwardCarries = step.carries - step.invariants;
    if (j < forwardCarries) return `d${carryBase(g.node(n.args[step.carries + step.invariants + j]).args[0], j)}`;
    const invariant = g.node(n.args[step.carries + j - forwardCarries]);
    return `d${invariant.op === 'var' ? invariant.attrs.name : spec.nameOf(invariant.id) ?? 'q'}`;
  };
  const carryName = (scan: NodeId, j: number): string => {
    const key = `${scan}:${j}`;
    if (!carries.has(key)) carries.set(key, fresh(carryBase(scan, j)));
    return carries.get(key) as string;
  };
  const printer = new LanePrinter(g, plan, helpers, index, moduleNames, localName, fresh, carryName);
  const out = spec.output;
  const input = spec.input ?? 'input';
  const outputSize = out?.entries.reduce((size, entry) => size + (entry.length ?? 1), 0) ?? 0;
  const body: string[] = argumentChecks({
    fn: spec.name, parameters: spec.parameters, form: spec.form, input, ...(out ? { output: { name: out.name, size: outputSize } } : {}),
  });
  if (spec.form === 'vector') {
    body.push(`const ${spec.parameters.map((p, i) => `${p.name} = ${input}[${i}]`).join(', ')};`);
  }
  for (const z of plan.zeroed) {
    const entry = out?.entries[z.output] as LaneOutput;
    body.push(z.to - z.from === 1 ? `${out?.name}[${entry.offset + z.from}] = 0;` : `${out?.name}.fill(0, ${entry.offset + z.from}, ${entry.offset + z.to});`);
  }
  const scatterStatement = (s: Scatter, value: string): string => {
    const entry = out?.entries[s.output] as LaneOutput;
    return `${out?.name}[${offsetIndex(scaled(index, s.stride), entry.offset + s.start)}] ${s.assign ? '=' : '+='} ${value};`;
  };
  for (const step of plan.steps) {
    if (step.kind === 'scalar') body.push(`const ${localName(step.node)} = ${printer.expression(step.node, false)};`);
    else if (step.kind === 'scatter') {
      const entry = out?.entries[step.scatter.output] as LaneOutput;
      body.push(`${out?.name}[${entry.offset + step.scatter.start}] += ${printer.ref(step.scatter.value, false)};`);
    } else if (step.kind === 'scan') {
      const lines = stepOrigins(g, step.node).map((o) => spec.stepLineOf?.(o)).filter((l): l is number => l !== undefined);
      body.push(scanStatements({
        graph: g, index, helpers, fresh, carryName, stepName,
        ref: (id, inLoop) => printer.ref(id, inLoop),
        tapeName: (id) => moduleNames.get(id) as string,
        elementLocal: (text) => fresh(readName(text)),
        scatter: (s, value) => scatterStatement(s, value),
      }, step, rangeText(lines)));
    } else body.push(printer.loop(step.loop, lineRange(step.loop, spec.lineOf), (s) => scatterStatement(s, printer.ref(s.value, true))));
  }
  for (const o of plan.scalarOutputs) body.push(`${out?.name}[${o.offset}] = ${printer.ref(o.node, false)};`);
  body.push(`return ${printer.ref(spec.value, false)};`);

  const inputs = spec.form === 'positional'
    ? spec.parameters.map((p) => `${p.name}: ${p.length === undefined ? 'number' : 'ArrayLike<number>'}`)
    : [`${input}: Float64Array`];
  const signature = `${spec.name}(${[...inputs, ...(out ? [`${out.name}: Float64Array`] : [])].join(', ')}): number`;
  const code = `/** ${spec.doc} */\nexport function ${signature} {\n${body.join('\n')}\n}\n`;
  const arrays = [...newArrays].map(([name, values]) =>
    `/** ${tables.owner}: a constant array of the source its loops read. */\nconst ${name} = new Float64Array([${values.map(numberLiteral).join(', ')}]);`);
  return { code, moduleCode: [...arrays, printer.moduleCode(tables.owner, new Set(newTables))].filter((part) => part !== '').join('\n') };
}

/** `k`, or `2 * k` for a stride of 2 (a loop i += 2). */
function scaled(index: string, stride: number | undefined): string {
  return stride === undefined || stride === 1 ? index : `${stride} * ${index}`;
}

/** `k + 3`, `k`, `k - 2`. */
function offsetIndex(index: string, offset: number): string {
  return offset === 0 ? index : offset > 0 ? `${index} + ${offset}` : `${index} - ${-offset}`;
}

/** The local an element read is kept in: `x[k]` → `x_k`, `x[k + 1]` → `x_k1`, `x[k - 1]` → `x_km1`. */
function readName(text: string): string {
  return text.replace(/\s*-\s*/g, 'm').replace(/[\s+]/g, '').replace(/\[/, '_').replace(/\]$/, '').replace(/[^\w$]/g, '_');
}

/** `(lines 5–9)` of the source the loop's nodes come from. */
function lineRange(loop: LaneLoop, lineOf: (id: NodeId) => number | undefined): string {
  return rangeText([...loop.nodes, ...loop.reductions].map(lineOf).filter((l): l is number => l !== undefined));
}

/** ` (line 5)`, ` (lines 5–9)`, or nothing for no lines. */
function rangeText(lines: readonly number[]): string {
  if (lines.length === 0) return '';
  const [first, last] = [Math.min(...lines), Math.max(...lines)];
  return first === last ? ` (line ${first})` : ` (lines ${first}–${last})`;
}

/**
 * The element reads of one loop body (`x[k]`, `x[k + 1]`, `table1[k]`), by their
 * text: counted while the body is printed a first time, then each one read more
 * than once is read once, into a local at the top of the body.
 */
interface LoopReads {
  readonly counts: Map<string, number>;
  /** read → its local, once decided (the second printing) */
  readonly locals?: ReadonlyMap<string, string>;
}

/** How the nodes of a lane plan read in code, inside a loop over `index` or outside. */
class LanePrinter {
  private readonly tapes: ReadonlySet<NodeId>;
  /** The element reads of the loop being printed. */
  private reads: LoopReads | undefined;

  constructor(
    private readonly g: Graph,
    private readonly plan: LanePlan,
    private readonly helpers: HelperNames,
    private readonly index: string,
    private readonly moduleNames: ReadonlyMap<NodeId, string>,
    private readonly localName: (id: NodeId) => string,
    private readonly fresh: (base: string) => string,
    private readonly carryName: (scan: NodeId, j: number) => string,
  ) {
    this.tapes = new Set(plan.tapes);
  }

  /**
   * An element read inside a loop body, `text`, or the local it was read into:
   * V8 keeps a typed array's element in a register only within an expression,
   * so the Rosenbrock gradient's three x[k] were three loads (and bounds
   * checks) per iteration, 10 % of its time, where a hand-written loop reads x[k] once.
   */
  private elementRead(text: string): string {
    const reads = this.reads;
    if (reads === undefined) return text;
    if (reads.locals === undefined) reads.counts.set(text, (reads.counts.get(text) ?? 0) + 1);
    return reads.locals?.get(text) ?? text;
  }

  /** How code reads node `id` (inside a loop: its entry for the current iteration). */
  ref(id: NodeId, inLoop: boolean, local: ReadonlySet<NodeId> = new Set()): string {
    const g = this.g;
    const n = g.node(id);
    const k = this.index;
    switch (this.plan.how.get(id)) {
      case 'const':
        return numberLiteral(n.attrs.value as number);
      case 'input':
        return n.shape.length === 0 ? this.localName(id) : this.elementRead(`${this.localName(id)}[${k}]`);
      case 'gather': {
        const x = this.localName(n.args[0]);
        const start = n.attrs.value as number;
        return n.shape.length === 0 ? `${x}[${start}]` : this.elementRead(`${x}[${offsetIndex(scaled(k, n.attrs.stride), start)}]`);
      }
      case 'index': {
        const start = n.attrs.value as number;
        return start === 0 && n.attrs.stride === undefined ? k : `(${offsetIndex(scaled(k, n.attrs.stride), start)})`;
      }
      case 'literal':
        return this.elementRead(`${this.moduleNames.get(id)}[${offsetIndex(scaled(k, n.attrs.stride), n.attrs.value as number)}]`);
      case 'uniform':
        return this.ref(n.args[0], inLoop, local);
      case 'scanned': {
        // a carried variable after its loop is the loop's local; the rest of a scan's value is on its tape
        const start = n.attrs.value as number;
        const scan = n.args[0];
        if (n.shape.length === 0) return start < (g.node(scan).attrs.scan as ScanStep).carries ? this.carryName(scan, start) : `${this.moduleNames.get(scan)}[${start}]`;
        return this.elementRead(`${this.moduleNames.get(scan)}[${offsetIndex(k, start)}]`);
      }
      case 'table':
        if (local.has(id)) return this.localName(id);
        return this.elementRead(`${this.moduleNames.get(id)}[${k}]`);
      default:
        if (this.plan.inlined.has(id)) return `(${this.expression(id, inLoop, local)})`;
        if (inLoop && this.tapes.has(id) && !local.has(id) && g.shapeOf(id).length === 1) return this.elementRead(`${this.moduleNames.get(id)}[${k}]`);
        return this.localName(id);
    }
  }

  /** The TS expression computing node `id` from its arguments. */
  expression(id: NodeId, inLoop: boolean, local: ReadonlySet<NodeId> = new Set()): string {
    const n = this.g.node(id);
    return tsExpression(n.op as OpName, n.args.map((a) => this.ref(a, inLoop, local)), n.attrs, this.helpers);
  }

  /** One loop of the plan: accumulators, the lanes as locals, tape stores, sums and scatters. */
  loop(loop: LaneLoop, lines: string, scatter: (s: LaneLoop['scatters'][number]) => string): string {
    const k = this.index;
    const computed = new Set(loop.nodes);
    const sums = loop.reductions.map((r) => `${this.localName(r)} = 0`);
    const accumulated = this.summedOnly(loop);
    const printBody = () => {
      const { lines, summed } = bodyStatements(this.g, loop.nodes, {
        name: this.localName,
        expression: (id) => this.expression(id, true, computed),
        ref: (id) => this.ref(id, true, computed),
        inlined: this.plan.inlined,
        accumulated,
      });
      return [
        ...lines,
        ...loop.nodes.filter((id) => this.tapes.has(id)).map((id) => `${this.moduleNames.get(id)}[${k}] = ${this.localName(id)};`),
        ...loop.reductions.filter((r) => !summed.has(this.g.node(r).args[0]))
          .map((r) => `${this.localName(r)} += ${this.ref(this.g.node(r).args[0], true, computed)};`),
        ...loop.scatters.map(scatter),
      ];
    };
    // printed twice: the first counts the element reads, the second reads the repeated ones from locals
    const counts = new Map<string, number>();
    this.reads = { counts };
    printBody();
    const repeated = [...counts].filter(([, c]) => c > 1).map(([text]) => text);
    const locals = new Map(repeated.map((text) => [text, this.fresh(readName(text))]));
    this.reads = { counts, locals };
    const body = [...repeated.map((text) => `const ${locals.get(text)} = ${text};`), ...printBody()];
    this.reads = undefined;
    const means = loop.reductions.filter((r) => this.g.node(r).op === 'mean').map((r) => `${this.localName(r)} /= ${loop.length};`);
    return [
      `// for each of ${loop.length} iterations${lines}`,
      ...(sums.length > 0 ? [`let ${sums.join(', ')};`] : []),
      `for (let ${k} = 0; ${k} < ${loop.length}; ${k}++) {`,
      ...body,
      '}',
      ...means,
    ].join('\n');
  }

  /**
   * The loop's nodes whose one reader is a sum of the loop (not a tape, a
   * scatter or an output), with the sum's accumulator: a branch may add to it directly.
   */
  private summedOnly(loop: LaneLoop): Map<NodeId, string> {
    const g = this.g;
    const readers = new Map<NodeId, number>();
    for (const n of g.nodes) for (const a of n.args) readers.set(a, (readers.get(a) ?? 0) + 1);
    const readElsewhere = new Set<NodeId>([
      ...this.plan.tapes, ...this.plan.scalarOutputs.map((o) => o.node),
      ...this.plan.steps.flatMap((s) => (s.kind === 'loop' ? s.loop.scatters.map((c) => c.value) : s.kind === 'scatter' ? [s.scatter.value] : [s.node])),
    ]);
    const summed = new Map<NodeId, string>();
    for (const r of loop.reductions) {
      const [x] = g.node(r).args;
      if (loop.nodes.includes(x) && readers.get(x) === 1 && !readElsewhere.has(x)) summed.set(x, this.localName(r));
    }
    return summed;
  }

  /**
   * The module-level arrays: tapes, and the tables `fresh` (not already in the module) with the
   * loop that fills them once (only the steps they need).
   */
  moduleCode(owner: string, fresh: ReadonlySet<NodeId>): string {
    const k = this.index;
    const parts: string[] = [];
    for (const step of this.plan.steps) {
      if (step.kind !== 'scan' || step.stored.length === 0) continue;
      const size = scanLayout(this.g.node(step.node).attrs.scan as ScanStep).size;
      parts.push(`/** ${owner}: a recurrence's values of each iteration, kept for the loop that reads them. */\nconst ${this.moduleNames.get(step.node)} = new Float64Array(${size});`);
    }
    for (const id of this.plan.tapes) {
      parts.push(`/** ${owner}: a value of each loop iteration, kept for a later loop. */\nconst ${this.moduleNames.get(id)} = new Float64Array(${this.g.shapeOf(id)[0]});`);
    }
    for (const table of this.plan.tables) {
      const kept = table.kept.filter((id) => fresh.has(id));
      if (kept.length === 0) continue;
      const needed = new Set(nodesNeeded(this.g, kept));
      const init = table.init.filter((id) => needed.has(id));
      const local = new Set(init);
      parts.push(`/** ${owner}: values of its loop that depend on no parameter, computed once. */`);
      parts.push(...kept.map((id) => `const ${this.moduleNames.get(id)} = new Float64Array(${table.length});`));
      parts.push([
        `for (let ${k} = 0; ${k} < ${table.length}; ${k}++) {`,
        ...init.map((id) => `const ${this.localName(id)} = ${this.expression(id, true, local)};`),
        ...kept.map((id) => `${this.moduleNames.get(id)}[${k}] = ${this.localName(id)};`),
        '}',
      ].join('\n'));
    }
    return parts.join('\n');
  }
}
