/** Avro contracts of Argus: the schema store, codecs and serdes, the topic catalogue, dead-letter records. */
package io.argus.schemas;
