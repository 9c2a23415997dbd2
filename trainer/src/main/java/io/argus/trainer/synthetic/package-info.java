/** Synthetic fraud_v1 data with a known signal, for tests, fixtures and benchmarks. */
package io.argus.trainer.synthetic;
