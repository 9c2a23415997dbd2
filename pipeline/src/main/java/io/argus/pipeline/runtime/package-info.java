/** The demo runtime: every role of the pipeline wired in one JVM, in event time, for {@code argus demo}. */
package io.argus.pipeline.runtime;
