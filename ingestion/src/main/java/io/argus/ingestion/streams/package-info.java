/** The validator: a Kafka Streams topology from transactions-raw to transactions or transactions-dlq. */
package io.argus.ingestion.streams;
