import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

/**
 * ts-morph, and the TypeScript compiler it bundles, loaded by `require`.
 * An `import` would make Node's ES-module loader scan ts-morph's 1 MB of
 * CommonJS for its export names and detect its module format first (~0.3 s of
 * CPU at every start-up of the CLI). Its TypeScript is the only one the
 * compiler loads: importing the `typescript` package as well would compile a
 * second 9 MB copy (~1 s). Types come from `import type … from 'ts-morph'`
 * (erased); the TypeScript namespace's types as `TS.Node` etc.
 */
const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { Node, Project, SyntaxKind, ts } = tsMorph;
/** A ts-morph syntax node (the class above is also its type, as in ts-morph). */
export type Node = TsMorph.Node;
/** TypeScript's syntax kinds (the enum above is also its type, as in ts-morph). */
export type SyntaxKind = TsMorph.SyntaxKind;
