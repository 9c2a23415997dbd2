/** The scorer: the Kafka Streams scoring topology, decisions, the runtime that ties it to models and HTTP. */
package io.argus.scorer;
