import type { ParameterDeclaration } from 'ts-morph';
import { Node, SyntaxKind } from '../../util/ts-morph.js';
import { SpecKeyError } from '../../util/errors.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { Unsupported } from './located.js';

/** A parameter of the differentiated function: a number, or a vector of known length. */
export interface Parameter {
  readonly name: string;
  /** Present for a vector parameter (number[], Float64Array, a tuple, …). */
  readonly length?: number;
  readonly node: ParameterDeclaration;
}

/** Type names that are vectors of numbers. */
const VECTOR_TYPES = /^(readonly\s+number\[\]|number\[\]|Float64Array|Float32Array|(Readonly)?Array<number>|ReadonlyArray<number>|ArrayLike<number>)$/;

/**
 * Reads the parameters from their syntax: `x: number` (or no annotation) is
 * a number; `x: number[]`, `Float64Array`, `ArrayLike<number>`, … is a vector
 * whose length is in `lengths` (a tuple type `[number, number]` gives it).
 */
export function readParameters(
  params: readonly ParameterDeclaration[],
  lengths: Readonly<Record<string, number>>,
  errors: Unsupported,
): Parameter[] {
  // a name that is no parameter first: a misspelled one would otherwise be reported as a missing length
  const names = params.map((p) => p.getName());
  for (const name of Object.keys(lengths)) {
    if (names.includes(name)) continue;
    const meant = didYouMean(name, names);
    throw new SpecKeyError(`lengths names '${name}', which is not a parameter`, undefined,
      `${meant ? `did you mean '${meant}'? ` : ''}the parameters are ${names.join(', ') || 'none'}`, 'lengths', ['lengths', name]);
  }
  const result = params.map((p): Parameter => {
    if (Node.isIdentifier(p.getNameNode()) && !p.isRestParameter() && (p.hasInitializer() || p.hasQuestionToken())) {
      const name = p.getName();
      const value = p.getInitializer()?.getText() ?? '1';
      throw errors.error(p, `parameter '${name}' ${p.hasInitializer() ? 'has a default value' : 'is optional'}`,
        `the generated functions take every parameter, and the gradient is with respect to each: remove the ${p.hasInitializer() ? 'default' : '?'} `
        + `(give the point's value in the options, at: { ${name}: ${value} }); if it is not a variable, declare it in the function (const ${name} = ${value})`);
    }
    if (!Node.isIdentifier(p.getNameNode()) || p.isRestParameter()) {
      throw errors.error(p, 'unsupported parameter', 'parameters are plain names with a number or vector type (no rest or destructuring: take a vector x: number[] and read x[0], x[1])');
    }
    const name = p.getName();
    const type = p.getTypeNode();
    const given = Object.hasOwn(lengths, name) ? lengths[name] : undefined;
    const text = type?.getText().replace(/\s+/g, ' ').trim();
    if (!type || type.getKind() === SyntaxKind.NumberKeyword) {
      if (given !== undefined && type) {
        throw new SpecKeyError(`lengths gives a length for '${name}', a number parameter`, undefined, `remove ${name} from lengths`, 'lengths', ['lengths', name]);
      }
      return given === undefined ? { name, node: p } : { name, length: given, node: p };
    }
    const tuple = Node.isTupleTypeNode(type) ? type : Node.isTypeOperatorTypeNode(type) && Node.isTupleTypeNode(type.getTypeNode()) ? type.getTypeNode() : undefined;
    if (tuple && Node.isTupleTypeNode(tuple)) {
      const elements = tuple.getElements();
      if (!elements.every((e) => e.getKind() === SyntaxKind.NumberKeyword)) {
        throw errors.error(type, `parameter '${name}' has type ${text}`, 'a tuple parameter holds numbers only: [number, number]');
      }
      return { name, length: elements.length, node: p };
    }
    if (!text || !VECTOR_TYPES.test(text)) {
      throw errors.error(type, `parameter '${name}' has type ${text}`, 'parameters are numbers or vectors (number, number[], Float64Array, [number, number])');
    }
    if (given === undefined) {
      throw errors.error(p, `the length of vector parameter '${name}' is not known`,
        `give it in the options: { lengths: { ${name}: 100 } }, or use a tuple type`);
    }
    return { name, length: given, node: p };
  });
  return result;
}
