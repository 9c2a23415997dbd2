/** What each role may do on a secured Kafka cluster: its ACLs, granted by {@code argus topics --acls}, checked at start. */
package io.argus.pipeline.security;
