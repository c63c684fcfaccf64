/* C reference row of workload (a) in bench/run-networks.mjs: the XOR 2-4-1
 * training step of bench/networks/xor-unrolled.mjs (tanh, sigmoid output,
 * binary cross-entropy, plain SGD), the same statements in C, built with
 * gcc -O3 by bench/c-peer.mjs. Its arguments: lr, the check step count and
 * the 17 initial parameters (W1[8], b1[4], W2[4], b2[1]). Then it answers
 * one JSON line per command line on stdin (bench/peer-process.mjs):
 *   {"cmd": "check"}               the losses of the check steps and the
 *                                  parameters after them (then back to the
 *                                  initial parameters)
 *   {"cmd": "round", "steps": k}   k steps, timed here: the process CPU time
 *                                  and the wall time, in ms
 *   {"cmd": "quit"} */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double P[17];
static const double X[8] = {0, 0, 0, 1, 1, 0, 1, 1};
static const double Y[4] = {0, 1, 1, 0};
static double lr;

static double train_step(const double *restrict x, const double *restrict yv, int n) {
  double *W1 = P, *b1 = P + 8, *W2 = P + 12, *b2 = P + 16;
  const double w00 = W1[0], w01 = W1[1], w10 = W1[2], w11 = W1[3], w20 = W1[4], w21 = W1[5], w30 = W1[6], w31 = W1[7];
  const double c0 = b1[0], c1 = b1[1], c2 = b1[2], c3 = b1[3];
  const double v0 = W2[0], v1 = W2[1], v2 = W2[2], v3 = W2[3], d = b2[0];
  double gw00 = 0, gw01 = 0, gw10 = 0, gw11 = 0, gw20 = 0, gw21 = 0, gw30 = 0, gw31 = 0;
  double gc0 = 0, gc1 = 0, gc2 = 0, gc3 = 0, gv0 = 0, gv1 = 0, gv2 = 0, gv3 = 0, gd = 0, loss = 0;
  const double invN = 1.0 / n;
  for (int i = 0; i < n; i++) {
    const double x0 = x[2 * i], x1 = x[2 * i + 1], y = yv[i];
    const double h0 = tanh(x0 * w00 + x1 * w01 + c0);
    const double h1 = tanh(x0 * w10 + x1 * w11 + c1);
    const double h2 = tanh(x0 * w20 + x1 * w21 + c2);
    const double h3 = tanh(x0 * w30 + x1 * w31 + c3);
    const double z = h0 * v0 + h1 * v1 + h2 * v2 + h3 * v3 + d;
    const double e = exp(-fabs(z));
    loss += (z > 0 ? z : 0) - z * y + log1p(e);
    const double p = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const double dz = invN * (p - y);
    gd += dz;
    gv0 += dz * h0; gv1 += dz * h1; gv2 += dz * h2; gv3 += dz * h3;
    const double d0 = dz * v0 * (1 - h0 * h0), d1 = dz * v1 * (1 - h1 * h1);
    const double d2 = dz * v2 * (1 - h2 * h2), d3 = dz * v3 * (1 - h3 * h3);
    gc0 += d0; gc1 += d1; gc2 += d2; gc3 += d3;
    gw00 += d0 * x0; gw01 += d0 * x1; gw10 += d1 * x0; gw11 += d1 * x1;
    gw20 += d2 * x0; gw21 += d2 * x1; gw30 += d3 * x0; gw31 += d3 * x1;
  }
  W1[0] = w00 - lr * gw00; W1[1] = w01 - lr * gw01; W1[2] = w10 - lr * gw10; W1[3] = w11 - lr * gw11;
  W1[4] = w20 - lr * gw20; W1[5] = w21 - lr * gw21; W1[6] = w30 - lr * gw30; W1[7] = w31 - lr * gw31;
  b1[0] = c0 - lr * gc0; b1[1] = c1 - lr * gc1; b1[2] = c2 - lr * gc2; b1[3] = c3 - lr * gc3;
  W2[0] = v0 - lr * gv0; W2[1] = v1 - lr * gv1; W2[2] = v2 - lr * gv2; W2[3] = v3 - lr * gv3;
  b2[0] = d - lr * gd;
  return loss * invN;
}

static double clock_ms(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  double init[17];
  if (argc != 20) return 2;
  lr = strtod(argv[1], NULL);
  int check_steps = atoi(argv[2]);
  for (int i = 0; i < 17; i++) init[i] = strtod(argv[3 + i], NULL);
  memcpy(P, init, sizeof P);
  char line[256];
  while (fgets(line, sizeof line, stdin)) {
    if (strstr(line, "\"check\"")) {
      printf("{\"losses\": [");
      for (int s = 0; s < check_steps; s++) printf("%s%.17g", s ? ", " : "", train_step(X, Y, 4));
      printf("], \"params\": [");
      for (int i = 0; i < 17; i++) printf("%s%.17g", i ? ", " : "", P[i]);
      printf("]}\n");
      memcpy(P, init, sizeof P);
    } else if (strstr(line, "\"round\"") && strstr(line, "\"steps\":")) {
      long steps = atol(strstr(line, "\"steps\":") + 8);
      double acc = 0, c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID), t0 = clock_ms(CLOCK_MONOTONIC);
      for (long i = 0; i < steps; i++) acc += train_step(X, Y, 4);
      double t1 = clock_ms(CLOCK_MONOTONIC), c1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
      printf("{\"acc\": %.17g, \"cpuMs\": %.17g, \"wallMs\": %.17g}\n", acc, c1 - c0, t1 - t0);
    } else if (strstr(line, "\"quit\"")) {
      return 0;
    } else {
      printf("{\"error\": \"unknown command\"}\n");
    }
    fflush(stdout);
  }
  return 0;
}
