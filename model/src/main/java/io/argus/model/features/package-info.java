/** A transaction's features by name: the named-features JSON contract, and the one check of their shape. */
package io.argus.model.features;
