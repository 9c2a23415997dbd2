/** Ingestion: every way a transaction enters Argus (Kafka, files, the simulator), all through one validation. */
package io.argus.ingestion;
