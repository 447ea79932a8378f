// Figures over runs: rounding, quantiles, and the spread of one field.

export const round = (x, d = 0) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(d)));

const numbers = (xs) => xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);

/** The q-quantile (0…1) of sorted `v`, interpolated between its neighbours. */
function quantileOf(v, q) {
  if (!v.length) return null;
  const at = (v.length - 1) * q;
  const lo = Math.floor(at);
  return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (at - lo);
}

export const median = (xs) => quantileOf(numbers(xs), 0.5);

/** Median, interquartile range (p25–p75), min and max of one field over runs. */
export function stat(runs, pick, digits = 1) {
  const v = numbers(runs.map(pick));
  const r = (q) => round(quantileOf(v, q), digits);
  return { median: r(0.5), p25: r(0.25), p75: r(0.75), min: r(0), max: r(1), n: v.length };
}
