/** Benchmarks of the trainer's models: Deeplearning4j inference against the plain-Java forward pass. */
package io.argus.trainer.benchmark;
