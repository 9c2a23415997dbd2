/** The scorer benchmark, synthetic feature vectors and untrained-model artifacts to run it without training. */
package io.argus.scorer.bench;
