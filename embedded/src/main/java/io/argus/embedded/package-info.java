/** The embedded Kafka broker (KRaft mode, the broker's own code, in-process): a single node, or one node of a cluster. */
package io.argus.embedded;
