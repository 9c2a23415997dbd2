/** The versioned, self-describing model artifact: writing it, and reading it with every check the scorer needs. */
package io.argus.trainer.artifact;
