/** The versioned, self-describing model artifact: its manifest, writing it, and reading it without Deeplearning4j. */
package io.argus.model.artifact;
