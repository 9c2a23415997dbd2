/** Volume forecasting: seasonal naive, Holt-Winters and LSTM forecasters, calibrated intervals, rolling-origin backtests. */
package io.argus.forecaster;
