import { SourceMap } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CompileError, type SourceLocation } from '../util/errors.js';
import { displayPath, isDsl, lineOfFile, type ModelBundle } from './bundle-model.js';
import type { ModelSource } from './model-source.js';

/** How long a model may run before it is stopped (an endless loop would hang the compiler). */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * The worker's script: imports the bundle as an ES module (top-level await
 * works) and posts back its exports as plain data (a function in an export,
 * such as the fn of differentiable(fn), becomes a marker), or what it threw.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
// functions (the fn of differentiable(fn), read from the source, never run) cannot cross to the compiler: a marker does
const plain = (v, depth) => typeof v === 'function' ? { function: v.name }
  : Array.isArray(v) && depth < 100 ? v.map((x) => plain(x, depth + 1))
  : v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && depth < 100
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, depth + 1)]))
    : v;
import('data:text/javascript;base64,' + Buffer.from(workerData).toString('base64')).then(
  (m) => {
    const exports = {};
    for (const [name, value] of Object.entries(m)) {
      try { exports[name] = structuredClone(value); } catch {
        try { exports[name] = structuredClone(plain(value, 0)); } catch {}
      }
    }
    parentPort.postMessage({ ok: true, exports });
  },
  (e) => parentPort.postMessage(e instanceof Error
    ? { ok: false, message: e.message, name: e.name, stack: String(e.stack) }
    : { ok: false, thrown: e === null ? 'null' : typeof e === 'string' ? JSON.stringify(e) : String(e) }),
);`;

type WorkerReply =
  | { ok: true; exports: Record<string, unknown> }
  | { ok: false; message: string; name: string; stack: string }
  | { ok: false; thrown: string };

/**
 * Runs a bundled model in a worker thread and gives its exports. The worker is
 * terminated after `timeLimitMs`; what the model throws becomes a CompileError
 * at the file:line:col of the throw (the bundle's source map leads back to
 * model.ts or the local file it imports).
 */
export function runModel(model: ModelSource, bundle: ModelBundle, timeLimitMs = DEFAULT_TIME_LIMIT_MS): Promise<Record<string, unknown>> {
  return new Promise((settle, fail) => {
    const worker = new Worker(WORKER, { eval: true, workerData: bundle.code, stdout: false, stderr: false });
    const timer = setTimeout(() => {
      void worker.terminate();
      fail(new CompileError(`running ${model.fileName} did not finish within ${timeLimitMs / 1000} s`, undefined,
        'a model file only computes and exports specs: look for an endless loop or a long computation'));
    }, timeLimitMs);
    const done = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (reply: WorkerReply) => {
      done();
      if (reply.ok) settle(reply.exports);
      else if ('thrown' in reply) fail(new CompileError(`running ${model.fileName} failed: it threw ${reply.thrown}, not an Error`, undefined, 'throw an Error with a message, or fix the model'));
      else fail(thrownError(model, bundle, reply));
    });
    worker.once('error', (e) => {
      done();
      fail(thrownError(model, bundle, { message: e.message, name: e.name, stack: String(e.stack) }));
    });
    worker.once('exit', (code) => {
      done();
      fail(new CompileError(`running ${model.fileName} ended (exit code ${code}) before it exported anything`, undefined,
        'a model file must not call process.exit'));
    });
  });
}

/** An Error thrown by the model, at the first place of the stack in the user's files. */
function thrownError(model: ModelSource, bundle: ModelBundle, e: { message: string; name: string; stack: string }): CompileError {
  const message = `running ${model.fileName} failed: ${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  return new CompileError(message, throwSite(model, bundle, e.stack), 'a model file may only compute and export specs; fix the error above');
}

function throwSite(model: ModelSource, bundle: ModelBundle, stack: string): SourceLocation | undefined {
  const map = new SourceMap(JSON.parse(bundle.sourceMap) as ConstructorParameters<typeof SourceMap>[0]);
  for (const frame of stack.matchAll(/data:text\/javascript;base64,[A-Za-z0-9+/=]*:(\d+):(\d+)/g)) {
    const entry = map.findEntry(Number(frame[1]) - 1, Number(frame[2]) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) continue;
    // sources are relative to the source map's folder (the working directory)
    const source = entry.originalSource.replace(/^file:\/\//, '');
    const line = entry.originalLine + 1;
    const column = entry.originalColumn + 1;
    if (resolve(source) === bundle.modelPath) {
      return { file: model.fileName, line, column, lineText: model.text.split(/\r?\n/)[line - 1] ?? '' };
    }
    if (isDsl(source) || source.split(/[\\/]/).includes('node_modules')) continue;
    return { file: displayPath(source), line, column, lineText: lineOfFile(resolve(source), line) };
  }
  return undefined;
}
