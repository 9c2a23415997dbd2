/** Risk rules beside the model: CEL conditions compiled, followed from the rules topic and combined with the score. */
package io.argus.scorer.rules;
