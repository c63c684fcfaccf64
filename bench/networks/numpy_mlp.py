"""numpy peer for bench/run-networks.mjs: the same dense network and plain SGD
step, vectorized the way a careful person writes backprop with numpy (one
matrix product per layer and direction, in-place updates), float64 (or float32
when job.json says "dtype": "float32"), one OpenBLAS thread (the caller sets
OPENBLAS_NUM_THREADS=1).

    python3 bench/networks/numpy_mlp.py <folder>

<folder>/job.json describes the network and the batches; <folder>/data.bin
holds the float64 initial parameters, then every batch's X, then every
batch's Y. The peer stays up and answers each JSON command line on stdin with
one JSON line on stdout (bench/numpy-peer.mjs drives it, interleaving its
rounds with the JavaScript implementations'):
  {"cmd": "check"}           the losses of the first `check_steps` steps from
                             the initial parameters and the parameters after
                             them (then back to the initial parameters), the
                             numpy version and BLAS
  {"cmd": "round", "steps": k}  k steps (batches cycled), timed here: the
                             process CPU time (time.process_time: user +
                             system of every thread) and the wall time, in ms
  {"cmd": "quit"}

Conventions as in bench/networks/handwritten.mjs: W^l is units x fanIn,
z = a W^T + b with examples as rows, the loss is the mean over the rows,
computed from the logits (log-sum-exp for cce, the stable bce form).
"""

import json
import os
import sys
import time

import numpy as np


def load(folder):
    with open(os.path.join(folder, "job.json")) as f:
        job = json.load(f)
    data = np.fromfile(os.path.join(folder, "data.bin"), dtype=np.float64)
    sizes = job["sizes"]
    at = 0
    params = []
    for l in range(1, len(sizes)):
        w = data[at : at + sizes[l] * sizes[l - 1]].reshape(sizes[l], sizes[l - 1])
        at += w.size
        b = data[at : at + sizes[l]]
        at += b.size
        params += [w.copy(), b.copy()]
    dtype = np.dtype(job.get("dtype", "float64"))
    params = [q.astype(dtype) for q in params]
    n = job["batch"]
    xs, ys = [], []
    for _ in range(job["batches"]):
        xs.append(data[at : at + n * sizes[0]].reshape(n, sizes[0]))
        at += n * sizes[0]
    for _ in range(job["batches"]):
        ys.append(data[at : at + n * sizes[-1]].reshape(n, sizes[-1]))
        at += n * sizes[-1]
    xs = [x.astype(dtype) for x in xs]
    ys = [y.astype(dtype) for y in ys]
    return job, params, xs, ys


class NumpyMLP:
    def __init__(self, sizes, activations, loss, lr, params):
        self.activations = activations
        self.loss = loss
        self.lr = lr
        self.params = params  # [W1, b1, W2, b2, ...], updated in place

    def train_step(self, X, Y):
        """One SGD step on rows X, Y; returns the mean loss before the update."""
        p = self.params
        L = len(p) // 2
        n = X.shape[0]
        acts = [X]
        a = X
        # forward: a^l = f(a^{l-1} W^lT + b^l); the last layer stays logits
        for l in range(L):
            z = a @ p[2 * l].T
            z += p[2 * l + 1]
            if l < L - 1:
                f = self.activations[l]
                if f == "tanh":
                    np.tanh(z, out=z)
                elif f == "relu":
                    np.maximum(z, 0, out=z)
                elif f == "sigmoid":
                    z = sigmoid(z)
            a = z
            acts.append(a)
        # loss and delta^L = (y_hat - y) / n at the logits
        z = acts[-1]
        if self.loss == "cce":
            m = z.max(axis=1, keepdims=True)
            e = np.exp(z - m)
            s = e.sum(axis=1, keepdims=True)
            loss = float(np.mean(m[:, 0] + np.log(s[:, 0]) - np.einsum("ij,ij->i", Y, z)))
            d = e / s
        else:
            loss = float(np.sum(np.maximum(z, 0) - z * Y + np.log1p(np.exp(-np.abs(z)))) / n)
            d = sigmoid(z)
        d -= Y
        d *= d.dtype.type(1.0 / n)
        # backward: dW = delta^T a^{l-1}, db = sum over rows of delta, delta^{l-1} = (delta W) * f'(a^{l-1})
        lr = self.lr
        for l in range(L - 1, -1, -1):
            W = p[2 * l]
            a_prev = acts[l]
            dW = d.T @ a_prev
            db = d.sum(axis=0)
            if l > 0:
                d_prev = d @ W
                f = self.activations[l - 1]
                if f == "tanh":
                    d_prev *= 1 - a_prev * a_prev
                elif f == "relu":
                    d_prev[a_prev <= 0] = 0
                elif f == "sigmoid":
                    d_prev *= a_prev * (1 - a_prev)
                d = d_prev
            W -= W.dtype.type(lr) * dW
            p[2 * l + 1] -= W.dtype.type(lr) * db
        return loss


def sigmoid(z):
    # stable on both sides: 1 / (1 + e^{-z}) for z >= 0, e^z / (1 + e^z) below
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def serve(folder, cmds, out):
    job, params, xs, ys = load(folder)
    init = [q.copy() for q in params]
    net = NumpyMLP(job["sizes"], job["activations"], job["loss"], job["lr"], params)
    count = len(xs)
    at = 0  # the next batch of the timed rounds (cycled)
    while True:
        line = cmds.readline()
        if not line:
            return
        cmd = json.loads(line)
        if cmd["cmd"] == "check":
            losses = [net.train_step(xs[s % count], ys[s % count]) for s in range(job["check_steps"])]
            after = [q.ravel().tolist() for q in net.params]
            for q, q0 in zip(net.params, init):
                q[...] = q0
            blas = np.__config__.CONFIG.get("Build Dependencies", {}).get("blas", {})
            reply = {
                "losses": losses,
                "params": after,
                "numpy": np.__version__,
                "blas": f"{blas.get('name', '?')} {blas.get('version', '')}".strip(),
            }
        elif cmd["cmd"] == "round":
            acc = 0.0
            c0, t0 = time.process_time(), time.perf_counter()
            for _ in range(cmd["steps"]):
                acc += net.train_step(xs[at], ys[at])
                at = (at + 1) % count
            t1, c1 = time.perf_counter(), time.process_time()
            reply = {"cpuMs": (c1 - c0) * 1000, "wallMs": (t1 - t0) * 1000, "acc": acc}
        elif cmd["cmd"] == "quit":
            return
        else:
            reply = {"error": f"unknown command {cmd['cmd']}"}
        out.write(json.dumps(reply) + "\n")
        out.flush()


def main():
    serve(sys.argv[1], sys.stdin, sys.stdout)


if __name__ == "__main__":
    main()
