package io.argus.scorer.explain;

/**
 * One value per group, with the value of the empty coalition (the base value) and of the full one (the score); they
 * add up: {@code baseValue + sum(values) == score}.
 */
record ShapleyValues(double[] values, double baseValue, double score) {
}
