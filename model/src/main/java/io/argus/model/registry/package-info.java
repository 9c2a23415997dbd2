/** The model registry directory: versions, their SHA-256 and the champion of each model name. */
package io.argus.model.registry;
