/** The simulator: the handbook's generator plus card testing and account takeover, deterministic by seed. */
package io.argus.ingestion.simulate;
