import { type Node, Project, SyntaxKind } from 'ts-morph';

/** Something inside a hot-path function that allocates on the heap. */
export interface Allocation {
  /** The function it is in. */
  readonly fn: string;
  readonly line: number;
  readonly kind: string;
  readonly text: string;
}

export interface AllocationCheckOptions {
  /**
   * Which functions form the hot path (default: every top-level function and
   * class method). Module-level code — buffers made once — is never checked.
   */
  readonly include?: (name: string, exported: boolean) => boolean;
}

/** Syntax that allocates every time it runs. */
const ALLOCATING_KINDS = new Map<SyntaxKind, string>([
  [SyntaxKind.NewExpression, 'new'],
  [SyntaxKind.ArrayLiteralExpression, 'array literal'],
  [SyntaxKind.ObjectLiteralExpression, 'object literal'],
  [SyntaxKind.ArrowFunction, 'closure'],
  [SyntaxKind.FunctionExpression, 'closure'],
  [SyntaxKind.FunctionDeclaration, 'nested function'],
  [SyntaxKind.ClassExpression, 'class expression'],
  [SyntaxKind.SpreadElement, 'spread'],
  [SyntaxKind.SpreadAssignment, 'spread'],
  [SyntaxKind.ArrayBindingPattern, 'array destructuring'],
  [SyntaxKind.TemplateExpression, 'template string'],
  [SyntaxKind.TaggedTemplateExpression, 'tagged template'],
  [SyntaxKind.RegularExpressionLiteral, 'regular expression'],
]);

/** Methods that return a new array or take a callback. */
const ALLOCATING_METHODS = new Set([
  'map', 'filter', 'reduce', 'reduceRight', 'slice', 'concat', 'forEach', 'flatMap', 'flat',
  'from', 'of', 'push', 'unshift', 'splice', 'subarray', 'join', 'split', 'bind',
]);

/** Why a node allocates, or undefined. */
function allocationKind(node: Node): string | undefined {
  const kind = ALLOCATING_KINDS.get(node.getKind());
  if (kind) return kind;
  if (node.isKind(SyntaxKind.Parameter) && node.isRestParameter()) return 'rest parameter';
  if (node.isKind(SyntaxKind.CallExpression)) {
    const callee = node.getExpression();
    if (callee.isKind(SyntaxKind.PropertyAccessExpression) && ALLOCATING_METHODS.has(callee.getName())) {
      return `.${callee.getName()}()`;
    }
  }
  return undefined;
}

/**
 * The allocations in the hot-path functions of a TypeScript module, found by
 * walking its syntax tree. Generated code must give an empty list: all its
 * buffers are Float64Arrays made once, outside the functions.
 */
export function findAllocations(code: string, options: AllocationCheckOptions = {}): Allocation[] {
  const include = options.include ?? (() => true);
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('module.ts', code);
  const roots: { name: string; body: Node | undefined }[] = [];
  for (const fn of file.getFunctions()) {
    if (include(fn.getName() ?? '<anonymous>', fn.isExported())) {
      roots.push({ name: fn.getName() ?? '<anonymous>', body: fn });
    }
  }
  for (const cls of file.getClasses()) {
    for (const method of cls.getMethods()) {
      const name = `${cls.getName() ?? '<class>'}.${method.getName()}`;
      if (include(name, cls.isExported())) roots.push({ name, body: method });
    }
  }
  const found: Allocation[] = [];
  for (const { name, body } of roots) {
    body?.forEachDescendant((node) => {
      const kind = allocationKind(node);
      // a throw ends the call: its error (and message) is made on the error path only, never per step
      if (kind && !node.getFirstAncestorByKind(SyntaxKind.ThrowStatement)) {
        found.push({ fn: name, line: node.getStartLineNumber(), kind, text: node.getText().slice(0, 80) });
      }
    });
  }
  return found;
}
