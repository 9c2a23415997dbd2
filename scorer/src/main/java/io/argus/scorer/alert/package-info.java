/**
 * Fraud alerts and their explanations, computed off the stream threads; one alert per alerted transaction, written
 * again with the same id only after a crash.
 */
package io.argus.scorer.alert;
