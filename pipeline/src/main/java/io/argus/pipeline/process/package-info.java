/** Starting, watching, killing and restarting JVM processes of the same jar, each logging to its own file. */
package io.argus.pipeline.process;
