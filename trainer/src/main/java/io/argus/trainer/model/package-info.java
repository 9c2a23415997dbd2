/** Fraud models: the scoring contract shared by the trainer and the scorer, and its plain-Java forward pass. */
package io.argus.trainer.model;
