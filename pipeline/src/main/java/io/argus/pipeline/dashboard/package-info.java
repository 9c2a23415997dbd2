/** The operations dashboard: a consumer of the output topics, bounded aggregates, and the browser page served over HTTP. */
package io.argus.pipeline.dashboard;
