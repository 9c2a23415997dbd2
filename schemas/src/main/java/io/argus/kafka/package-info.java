/** Typed Kafka producers and consumers for the catalogue's topics, with the settings Argus uses everywhere. */
package io.argus.kafka;
