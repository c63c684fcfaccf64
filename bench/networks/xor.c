/* C reference row of workload (a) in bench/run-networks.mjs: the XOR 2-4-1
 * training step of bench/networks/xor-unrolled.mjs (tanh, sigmoid output,
 * binary cross-entropy, plain SGD), the same statements in C, built with
 * gcc -O3 by bench/c-peer.mjs. Reads lr, the check step count, the timing
 * (warm-up ms, batch ms, rounds, clock: 0 wall-clock, 1 process CPU time) and the 17 initial parameters
 * (W1[8], b1[4], W2[4], b2[1]) from stdin; prints JSON: the losses of the
 * check steps, the parameters after them, and the median steps per second. */
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

static clockid_t clock_id = CLOCK_MONOTONIC;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static volatile double sink;

/* ms per step over `count` steps */
static double timed(long count) {
  double acc = 0, t0 = now_ms();
  for (long i = 0; i < count; i++) acc += train_step(X, Y, 4);
  sink = acc;
  return (now_ms() - t0) / count;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(void) {
  int check_steps, rounds, cpu_clock;
  double warmup_ms, batch_ms, init[17];
  if (scanf("%lf %d %lf %lf %d %d", &lr, &check_steps, &warmup_ms, &batch_ms, &rounds, &cpu_clock) != 6 || rounds < 1 || rounds > 99) return 2;
  if (cpu_clock) clock_id = CLOCK_PROCESS_CPUTIME_ID;
  for (int i = 0; i < 17; i++) if (scanf("%lf", &init[i]) != 1) return 2;
  memcpy(P, init, sizeof P);
  printf("{\"losses\": [");
  for (int s = 0; s < check_steps; s++) printf("%s%.17g", s ? ", " : "", train_step(X, Y, 4));
  printf("], \"params\": [");
  for (int i = 0; i < 17; i++) printf("%s%.17g", i ? ", " : "", P[i]);
  memcpy(P, init, sizeof P);
  long count = 1;
  double start = now_ms(), per = 0;
  while (now_ms() - start < warmup_ms) {
    per = timed(count);
    if (per * count < batch_ms / 4) count *= 2;
  }
  long size = (long)(batch_ms / per / 16 + 1) * 16;
  double samples[99];
  for (int r = 0; r < rounds; r++) samples[r] = timed(size);
  qsort(samples, rounds, sizeof(double), compare);
  double median = rounds % 2 ? samples[rounds / 2] : (samples[rounds / 2 - 1] + samples[rounds / 2]) / 2;
  printf("], \"timing\": {\"opsPerSec\": %.6g, \"perCallNs\": %.6g, \"spread\": %.4g, \"batch\": %ld, \"rounds\": %d}}\n",
         1000 / median, median * 1e6, (samples[rounds - 1] - samples[0]) / median, size, rounds);
  return 0;
}
