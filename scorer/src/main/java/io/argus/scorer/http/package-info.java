/** Synchronous scoring over HTTP for authorization flows, and the Prometheus metrics endpoint. */
package io.argus.scorer.http;
