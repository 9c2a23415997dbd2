/**
 * {@code argus drill}: the pipeline as separate processes on one machine (three Kafka nodes, a Flink session cluster,
 * every role), failures injected while transactions flow, and every count reconciled.
 */
package io.argus.pipeline.drill;
