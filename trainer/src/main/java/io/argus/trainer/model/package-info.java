/** Fraud models: the scoring contract shared by the trainer and the scorer, and its DL4J implementations. */
package io.argus.trainer.model;
