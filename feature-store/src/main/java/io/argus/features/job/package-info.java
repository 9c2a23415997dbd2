/** The Flink feature job: sources and sinks as parameters, event-time ordering, keyed state per terminal and customer. */
package io.argus.features.job;
