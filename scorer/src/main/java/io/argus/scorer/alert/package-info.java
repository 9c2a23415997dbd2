/** Fraud alerts and their explanations, computed off the stream threads and written exactly once. */
package io.argus.scorer.alert;
