/** The model registry directory, the champion/challenger rule and where release decisions are published. */
package io.argus.trainer.registry;
