/** Micrometer meters of the scorer, exposed in the Prometheus text format. */
package io.argus.scorer.metrics;
