import type { ts as TS } from 'ts-morph';
import { ts } from '../../util/ts-morph.js';

/**
 * Generated code with every element read marked in bounds: `a[i]` → `a[i]!`
 * wherever the code reads the element (an operand, an argument, the target
 * of `+=` or `++`), not where it only writes it (`a[i] = v`). Under
 * `noUncheckedIndexedAccess` a read of a typed array is `number | undefined`;
 * in generated code every index is in bounds by construction (the sizes are
 * the compiler's, and the entry points check the caller's arrays), so the
 * assertion states a proven fact. It is erased when the module is compiled:
 * the loops run exactly as without it.
 *
 * Only for generated code: the templates are written for that setting by hand.
 */
export function assertElementReads(code: string): string {
  const source = ts.createSourceFile('generated.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const ends: number[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isElementAccessExpression(node) && isRead(node)) ends.push(node.getEnd());
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (ends.length === 0) return code;
  ends.sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const end of ends) {
    pieces.push(code.slice(from, end), '!');
    from = end;
  }
  pieces.push(code.slice(from));
  return pieces.join('');
}

/** An element access whose value is read: not already asserted, not the target of a plain `=`, not a property name in quotes. */
function isRead(node: TS.ElementAccessExpression): boolean {
  const parent = node.parent;
  if (ts.isNonNullExpression(parent)) return false;
  if (ts.isStringLiteral(node.argumentExpression)) return false; // o['name'] names a property
  return !(ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
}
