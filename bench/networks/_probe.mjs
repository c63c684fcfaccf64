import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { pathToFileURL } from 'node:url';
await import(pathToFileURL('/tmp/tfgrads.mjs').href);
const both = process.argv[2] === 'both';
if (both) { setWasmPaths('/work/main/node_modules/@tensorflow/tfjs-backend-wasm/dist/'); await tf.setBackend('wasm'); }
await tf.setBackend('cpu');
const W1 = tf.variable(tf.randomUniform([4, 2])), b1 = tf.variable(tf.zeros([4])), W2 = tf.variable(tf.randomUniform([1, 4])), b2 = tf.variable(tf.zeros([1]));
const X = tf.tensor2d([0,0,0,1,1,0,1,1],[4,2]), Y = tf.tensor2d([0,1,1,0],[4,1]);
const opt = tf.train.sgd(0.5);
const f = () => { const a = tf.tanh(tf.add(tf.matMul(X, W1, false, true), b1)); const z = tf.add(tf.matMul(a, W2, false, true), b2);
  return tf.mul(tf.sum(tf.add(tf.sub(tf.relu(z), tf.mul(z, Y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))), 0.25); };
const out=[]; const T0=performance.now();
for (let j = 0; j < 12; j++) { const t0 = performance.now(); for (let i = 0; i < 500; i++) opt.minimize(f, false, [W1,b1,W2,b2]); out.push(((performance.now()-t0)/500*1000).toFixed(0)); }
console.log(both, out.join(' '), 'µs/step; total', (performance.now()-T0).toFixed(0), 'ms');
