/** The champion/challenger rule and where release decisions are published. */
package io.argus.trainer.registry;
