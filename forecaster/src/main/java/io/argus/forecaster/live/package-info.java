/** The live forecaster: per-minute volume series from transactions, forecasts, deviation alerts, its Kafka service. */
package io.argus.forecaster.live;
