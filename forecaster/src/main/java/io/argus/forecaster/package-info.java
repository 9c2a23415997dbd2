/**
 * Volume forecasting: naive, seasonal naive, Holt-Winters (with or without a damped trend), their combination, the
 * choice among them by backtest, and the LSTM; intervals from calibrated residuals or the model's own variance;
 * rolling-origin backtests of short and long series.
 */
package io.argus.forecaster;
