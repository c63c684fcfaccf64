// A peer benchmark in another process (numpy, C) that stays up and answers
// JSON commands, one line each way on its stdin/stdout, called synchronously:
// the timing loop (bench/timing.mjs) runs a peer's round between the
// JavaScript implementations' rounds. The child is driven by a worker thread
// (its own event loop reads the child's output and sees it exit); the main
// thread posts a command and blocks on Atomics.wait until the worker has put
// the reply line into shared memory.
import { Worker } from 'node:worker_threads';

const REPLY_BYTES = 64 * 2 ** 20; // a reply line (the check's parameters: ~100 k numbers as JSON) fits
const TIMEOUT_MS = 600_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { spawn } = require('node:child_process');
const { command, args, env, shared } = workerData;
const state = new Int32Array(shared, 0, 2); // [0]: 0 waiting, 1 reply, 2 error; [1]: bytes
const body = new Uint8Array(shared, 8);
const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
let pending = '';
let stderr = '';
const answer = (code, text) => {
  const bytes = Buffer.from(text);
  if (bytes.length > body.length) return answer(2, 'reply too long for the shared buffer');
  body.set(bytes);
  Atomics.store(state, 1, bytes.length);
  Atomics.store(state, 0, code);
  Atomics.notify(state, 0);
};
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  pending += chunk;
  const end = pending.indexOf('\\n');
  if (end >= 0) {
    const line = pending.slice(0, end);
    pending = pending.slice(end + 1);
    answer(1, line);
  }
});
child.stderr.on('data', (chunk) => { stderr += chunk; });
child.on('error', (e) => answer(2, command + ': ' + e.message));
child.on('exit', (code) => answer(2, command + ' exited (' + code + '): ' + stderr.trim()));
parentPort.on('message', (line) => child.stdin.write(line + '\\n'));
`;

/**
 * Starts `command args` with `env`; returns { request(command object) → reply
 * object (synchronous; throws with the peer's stderr when it fails), close() }.
 */
export function startPeer(command, args, env) {
  const shared = new SharedArrayBuffer(8 + REPLY_BYTES);
  const state = new Int32Array(shared, 0, 2);
  const worker = new Worker(WORKER, { eval: true, workerData: { command, args, env, shared } });
  let closed = false;
  return {
    request(message) {
      if (closed) throw new Error(`${command}: the peer was closed`);
      Atomics.store(state, 0, 0);
      worker.postMessage(JSON.stringify(message));
      if (Atomics.wait(state, 0, 0, TIMEOUT_MS) === 'timed-out') throw new Error(`${command}: no reply in ${TIMEOUT_MS / 1000} s`);
      const text = Buffer.from(new Uint8Array(shared, 8, Atomics.load(state, 1))).toString('utf8');
      if (Atomics.load(state, 0) === 2) throw new Error(`peer failed: ${text}`);
      const reply = JSON.parse(text);
      if (reply.error !== undefined) throw new Error(`peer: ${reply.error}`);
      return reply;
    },
    close() {
      if (closed) return;
      closed = true;
      worker.postMessage(JSON.stringify({ cmd: 'quit' }));
      setTimeout(() => worker.terminate(), 1000).unref();
    },
  };
}
