/** The embedded single-node Kafka broker (KRaft mode, the broker's own code, in-process). */
package io.argus.embedded;
