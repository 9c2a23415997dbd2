/** Retraining while the pipeline runs: on an interval, and when the population stability index shows drift. */
package io.argus.trainer.retraining;
