// The public API of nncompile: the model DSL, and the compiler for build scripts.
export * from './dsl/api.js';
export { compileModelFile, type CompileOptions, type CompileResult } from './compile/model-file.js';
export { CompileError, formatCompileError } from './util/errors.js';
