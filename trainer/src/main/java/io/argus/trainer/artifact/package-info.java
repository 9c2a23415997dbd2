/** The trainer's side of the model artifact: writing it with the DL4J network, reading formats 1 and 2, the SHAP sample. */
package io.argus.trainer.artifact;
