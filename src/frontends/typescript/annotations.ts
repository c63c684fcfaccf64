import type { SourceFile } from 'ts-morph';
import { Node, SyntaxKind } from '../../util/ts-morph.js';
import type { Unsupported } from './located.js';
import type { Value } from './values.js';

/**
 * The type annotations of a differentiable function, read from their syntax
 * and checked against the values the translation computes. The model file is
 * bundled without a type check, so `const y: string = x` would otherwise
 * compile: an annotation names what a value is, and one that names anything
 * the translation does not compute with, or another kind of value than the
 * one it holds, is an error at the annotation (or at the argument of a call).
 */

/** A type the translation computes with: a number, a condition, an array (of items, or a tuple of known length), a function. */
type Kind =
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'array'; readonly item: Kind }
  | { readonly kind: 'tuple'; readonly items: readonly Kind[] }
  | { readonly kind: 'function' };

const NUMBER: Kind = { kind: 'number' };

/** Typed arrays of numbers, whole. */
const NUMBER_ARRAYS = new Set(['Float64Array', 'Float32Array']);
/** Generic arrays: `Array<T>` and its read-only forms. */
const GENERIC_ARRAYS = new Set(['Array', 'ReadonlyArray', 'ArrayLike']);

/** What the annotations may say, for hints. */
export const ANNOTATIONS = 'number, boolean, number[] (or Float64Array, readonly number[], [number, number], number[][]), a function type';

/** The kind an annotation names, or undefined when it names something the translation does not compute with. */
function kindOf(type: Node, file: SourceFile, seen: ReadonlySet<string> = new Set()): Kind | undefined {
  if (type.getKind() === SyntaxKind.NumberKeyword) return NUMBER;
  if (type.getKind() === SyntaxKind.BooleanKeyword) return { kind: 'boolean' };
  if (Node.isParenthesizedTypeNode(type)) return kindOf(type.getTypeNode(), file, seen);
  if (Node.isTypeOperatorTypeNode(type) && type.getOperator() === SyntaxKind.ReadonlyKeyword) return kindOf(type.getTypeNode(), file, seen);
  if (Node.isArrayTypeNode(type)) {
    const item = kindOf(type.getElementTypeNode(), file, seen);
    return item && { kind: 'array', item };
  }
  if (Node.isTupleTypeNode(type)) {
    const items = type.getElements().map((e) => (Node.isNamedTupleMember(e) && !e.hasQuestionToken() && !e.getDotDotDotToken()
      ? kindOf(e.getTypeNode(), file, seen) : kindOf(e, file, seen)));
    return items.every((k) => k !== undefined) ? { kind: 'tuple', items: items as Kind[] } : undefined;
  }
  if (Node.isFunctionTypeNode(type)) return { kind: 'function' };
  // literal types: 0 | 1, -1, true
  if (Node.isLiteralTypeNode(type)) {
    const literal = type.getLiteral();
    if (Node.isNumericLiteral(literal) || (Node.isPrefixUnaryExpression(literal) && Node.isNumericLiteral(literal.getOperand()))) return NUMBER;
    if (Node.isTrueLiteral(literal) || Node.isFalseLiteral(literal)) return { kind: 'boolean' };
  }
  if (Node.isUnionTypeNode(type)) {
    // Float64Array | number[]: alternatives of one kind
    const kinds = type.getTypeNodes().map((t) => kindOf(t, file, seen));
    const first = JSON.stringify(kinds[0]);
    return kinds.every((k) => k !== undefined && JSON.stringify(k) === first) ? kinds[0] : undefined;
  }
  if (Node.isTypeReference(type)) {
    const name = type.getTypeName().getText();
    const args = type.getTypeArguments();
    if (NUMBER_ARRAYS.has(name) && args.length === 0) return { kind: 'array', item: NUMBER };
    if (GENERIC_ARRAYS.has(name) && args.length === 1) {
      const item = kindOf(args[0], file, seen);
      return item && { kind: 'array', item };
    }
    // a type alias of the file: type Vec = number[]
    const alias = seen.has(name) ? undefined : file.getTypeAlias(name);
    if (alias && alias.getTypeParameters().length === 0) return kindOf(alias.getTypeNodeOrThrow(), file, new Set([...seen, name]));
  }
  return undefined;
}

/** Whether a value is of the kind an annotation names. */
function fits(kind: Kind, value: Value): boolean {
  switch (value.kind) {
    case 'number':
    case 'accumulator':
      return kind.kind === 'number';
    case 'bool':
      return kind.kind === 'boolean';
    case 'function':
      return kind.kind === 'function';
    case 'unset':
      return true;
    case 'vector':
      return (kind.kind === 'array' && kind.item.kind === 'number')
        || (kind.kind === 'tuple' && kind.items.length === value.length && kind.items.every((k) => k.kind === 'number'));
    case 'list':
      if (kind.kind === 'array') return value.items.every((item) => fits(kind.item, item));
      return kind.kind === 'tuple' && kind.items.length === value.items.length && value.items.every((item, k) => fits(kind.items[k], item));
  }
}

/** The annotation a value would have: `number`, `number[]`, … (for hints). */
export function annotationOf(value: Value): string {
  switch (value.kind) {
    case 'number':
    case 'accumulator':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'function':
      return 'a function type, (a: number) => number';
    case 'vector':
      return 'number[]';
    case 'list': {
      const items = [...new Set(value.items.map(annotationOf))];
      return items.length === 1 && !items[0].startsWith('a ') ? `${items[0]}[]` : 'an array type';
    }
    case 'unset':
      return 'number';
  }
}

/** What a value is, in an error message. */
function what(value: Value): string {
  switch (value.kind) {
    case 'number':
    case 'accumulator':
    case 'unset':
      return 'a number';
    case 'bool':
      return 'a condition (boolean)';
    case 'function':
      return 'a function';
    case 'vector':
      return `a vector of ${value.length} numbers`;
    case 'list':
      return `an array of ${value.items.length} items`;
  }
}

/** The annotation's text on one line. */
/** `number | undefined`, `number | null`: a union with a missing value. */
function mayBeMissing(type: Node): boolean {
  return Node.isUnionTypeNode(type) && type.getTypeNodes().some((t) => t.getKind() === SyntaxKind.UndefinedKeyword
    || (Node.isLiteralTypeNode(t) && t.getLiteral().getKind() === SyntaxKind.NullKeyword));
}

function textOf(type: Node): string {
  return type.getText().replace(/\s+/g, ' ');
}

/**
 * Checks the annotation `type` (absent: nothing to check) of `subject` (e.g.
 * `'y'`, `'f' returns`) against `value`. An annotation the translation does
 * not compute with is an error whatever the value.
 */
export function checkAnnotation(type: Node | undefined, value: Value, subject: string, errors: Unsupported): void {
  if (type === undefined) return;
  const kind = kindOf(type, type.getSourceFile());
  if (kind === undefined) {
    throw errors.error(type, `${subject} is annotated ${textOf(type)}, which is not a type nncompile computes with`, mayBeMissing(type)
      ? `a value that may be missing has no derivative: give it a number on every path (let best = 0, or assign it in each branch) and annotate it ${value.kind === 'unset' ? 'number' : annotationOf(value)}`
      : `annotate it ${value.kind === 'unset' ? 'number' : annotationOf(value)} or leave the annotation out; the types are ${ANNOTATIONS}`);
  }
  if (!fits(kind, value)) {
    throw errors.error(type, `${subject} is annotated ${textOf(type)}, but is ${what(value)}`, `annotate it ${annotationOf(value)}, or change the value`);
  }
}

/** An assignment `target = value` to a variable annotated `type` (checked at its declaration): an error at the assignment. */
export function checkAssigned(type: Node | undefined, value: Value, name: string, target: Node, errors: Unsupported): void {
  const kind = type && kindOf(type, type.getSourceFile());
  if (type === undefined || kind === undefined || fits(kind, value)) return;
  throw errors.error(target, `'${name}' is annotated ${textOf(type)} (line ${type.getStartLineNumber()}), but is assigned ${what(value)}`,
    `assign ${kind.kind === 'number' ? 'a number' : `a value of type ${textOf(type)}`}, or declare another variable`);
}

/**
 * Checks an argument against the annotation of the parameter it is passed to.
 * An annotation of a type the translation does not compute with is an error at
 * the annotation; an argument of another kind, at the argument.
 */
export function checkArgument(parameter: Node & { getName(): string; getTypeNode(): Node | undefined }, value: Value, argument: Node, errors: Unsupported): void {
  const type = parameter.getTypeNode();
  const kind = type && kindOf(type, type.getSourceFile());
  if (type === undefined || kind === undefined) {
    checkAnnotation(type, value, `parameter '${parameter.getName()}'`, errors);
    return;
  }
  if (fits(kind, value)) return;
  throw errors.error(argument, `the argument is ${what(value)}, but parameter '${parameter.getName()}' (line ${type.getStartLineNumber()}) is annotated ${textOf(type)}`,
    `pass ${kind.kind === 'number' ? 'a number' : `a value of type ${textOf(type)}`}, or annotate the parameter ${annotationOf(value)}`);
}

/** A generic function (`function f<T>(…)`) is an error at its type parameters: the translation computes with numbers. */
export function refuseTypeParameters(fn: Node, errors: Unsupported): void {
  const parameters = (fn as Node & { getTypeParameters?(): Node[] }).getTypeParameters?.() ?? [];
  if (parameters.length === 0) return;
  throw errors.error(parameters[0], 'a generic function', `write it for the types it computes with, e.g. (a: number): number; the types are ${ANNOTATIONS}`);
}
