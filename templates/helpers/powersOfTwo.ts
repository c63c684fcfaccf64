/** 2^k for k = 0 … 63, exact: the scale of e^{2|x|} = 2^k e^r in the straight-line tanh of a small network's rows. */
const POWERS_OF_TWO = Float64Array.from({ length: 64 }, (_, k) => 2 ** k);
