/** Training in Deeplearning4j: hyper-parameters, the networks, the training loop with early stopping. */
package io.argus.trainer.training;
