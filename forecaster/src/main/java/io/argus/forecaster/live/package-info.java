/** The live forecaster: per-minute volume series from transactions, published forecasts and deviation alerts. */
package io.argus.forecaster.live;
