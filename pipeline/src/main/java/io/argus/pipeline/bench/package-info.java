/** The end-to-end pipeline benchmark: raw JSON in, read-committed fraud scores out, timed per stage. */
package io.argus.pipeline.bench;
