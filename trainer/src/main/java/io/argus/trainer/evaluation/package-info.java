/** Evaluation with the handbook's protocol and metrics, curves, and the published figures to compare with. */
package io.argus.trainer.evaluation;
