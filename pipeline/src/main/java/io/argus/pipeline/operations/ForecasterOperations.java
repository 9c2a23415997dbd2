package io.argus.pipeline.operations;

import io.argus.common.Health;
import io.argus.forecaster.live.ForecastService;
import io.argus.forecaster.live.LiveForecaster;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The forecaster's health and meters. Health: {@code UP} once it has replayed its history of {@code transactions} and
 * forecasts live; {@code REPLAYING} before. Meters: {@code argus_forecaster_transactions_total{outcome=accepted|late|
 * other_currency}}, {@code argus_forecaster_forecasts_total}, {@code argus_forecaster_alerts_total} (deviation
 * alerts raised), {@code argus_forecaster_series} and {@code argus_forecaster_live}, beside its Kafka clients'.
 */
public final class ForecasterOperations {

  private ForecasterOperations() {
  }

  public static Health health(ForecastService service) {
    if (!service.live()) {
      return Health.notUp("REPLAYING", "replaying the history of transactions before forecasting live");
    }
    return Health.up(Map.of("series", Long.toString(service.counters().series())));
  }

  public static void bind(RoleMetrics metrics, ForecastService service) {
    MeterRegistry registry = metrics.registry();
    counter(registry, "argus.forecaster.transactions", "accepted", service, LiveForecaster.Counters::accepted);
    counter(registry, "argus.forecaster.transactions", "late", service, LiveForecaster.Counters::late);
    counter(registry, "argus.forecaster.transactions", "other_currency", service,
        LiveForecaster.Counters::otherCurrency);
    FunctionCounter.builder("argus.forecaster.forecasts", service, running -> running.counters().forecasts())
        .description("Forecasts published to forecasts").register(registry);
    FunctionCounter.builder("argus.forecaster.alerts", service, running -> running.counters().alerts())
        .description("Deviation alerts raised").register(registry);
    Gauge.builder("argus.forecaster.series", service, running -> running.counters().series())
        .description("Series forecast").register(registry);
    Gauge.builder("argus.forecaster.live", service, running -> running.live() ? 1 : 0)
        .description("1 once the history is replayed").register(registry);
  }

  private static void counter(MeterRegistry registry, String name, String outcome, ForecastService service,
      ToDoubleFunction<LiveForecaster.Counters> count) {
    FunctionCounter.builder(name, service, running -> count.applyAsDouble(running.counters()))
        .description("Transactions read, by what became of them").tag("outcome", outcome).register(registry);
  }
}
