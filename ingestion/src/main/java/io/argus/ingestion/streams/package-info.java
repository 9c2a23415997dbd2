/** The validator: a Kafka Streams topology from transactions-raw to transactions or transactions-dlq, and its start. */
package io.argus.ingestion.streams;
