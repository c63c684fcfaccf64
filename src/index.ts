// The public API of nncompile: the model DSL, and the compiler for build scripts, benchmarks and tests.
export * from './dsl/api.js';
export { compileModel, type CompiledModel, type GeneratedFile, type ModelInput } from './driver/compile-model.js';
export { compileModelFile, type CompileOptions, type CompileResult } from './driver/model-file.js';
export { compileExpression, compileNetwork, type InMemoryOptions } from './driver/api.js';
export { CompileError, formatCompileError } from './util/errors.js';
