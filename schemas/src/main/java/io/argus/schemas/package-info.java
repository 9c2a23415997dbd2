/** Avro contracts of Argus: the schema store, single-object-encoding codecs and serdes, and the topic catalogue. */
package io.argus.schemas;
