/** One training cycle from dataset to release and report, as `argus train` and the retraining scheduler run it. */
package io.argus.trainer.workflow;
