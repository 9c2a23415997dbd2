/**
 * The operations surface of every long-running role: {@code GET /health} and {@code GET /metrics} on a port of its
 * own, its meters (Micrometer, Prometheus text), and the one line it prints once it is ready.
 */
package io.argus.pipeline.operations;
