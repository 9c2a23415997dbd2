package io.argus.trainer.forecast.live;

import io.argus.avro.Transaction;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Sums transactions into steps of event time, per series: {@code count/all}, {@code amount/all}, and the same per
 * channel ({@code count/channel=ONLINE}) and per merchant category ({@code amount/merchant_category=5411}). A step
 * closes once the watermark passes its end; the watermark trails the latest event time by the allowed lateness,
 * and moves on with the clock when no transaction has arrived for the idle timeout, so that a silent outage still
 * closes steps (with zero volume). A transaction whose step has closed is late: counted, and dropped.
 */
final class VolumeAggregator {

  static final String ALL = "all";
  private static final String COUNT = "count";
  private static final String AMOUNT = "amount";
  private static final String OTHER = "other";

  private final long stepMillis;
  private final long latenessMillis;
  private final long idleMillis;
  private final String currency;
  private final double minorUnitsPerUnit;
  private final int maxMerchantCategories;
  private final Set<String> merchantCategories = new HashSet<>();
  private final TreeMap<Long, Map<String, Double>> openSteps = new TreeMap<>();
  private long nextStep = Long.MIN_VALUE;
  private long latestEventTime = Long.MIN_VALUE;
  private long lastArrival;
  private long watermark = Long.MIN_VALUE;
  private long late;
  private long otherCurrency;

  VolumeAggregator(LiveForecastConfig config) {
    this.stepMillis = config.step().toMillis();
    this.latenessMillis = config.allowedLateness().toMillis();
    this.idleMillis = config.idleTimeout().toMillis();
    this.currency = config.currency();
    this.minorUnitsPerUnit = Math.pow(10, Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits()));
    this.maxMerchantCategories = config.maxMerchantCategories();
  }

  /** The name of a measure's series ({@code count} or {@code amount}) in a segment ({@code all}, {@code channel=X}). */
  static String seriesName(String measure, String segment) {
    return measure + "/" + segment;
  }

  /**
   * Adds one transaction that arrived at {@code arrival} (clock time).
   *
   * @return false when its step has already closed (a late transaction)
   */
  boolean add(Transaction transaction, Instant arrival) {
    long eventTime = transaction.getEventTime().toEpochMilli();
    long stepStart = Math.floorDiv(eventTime, stepMillis) * stepMillis;
    lastArrival = arrival.toEpochMilli();
    if (stepStart < nextStep) {
      late++;
      return false;
    }
    if (nextStep == Long.MIN_VALUE) {
      nextStep = stepStart;
    }
    latestEventTime = Math.max(latestEventTime, eventTime);
    Map<String, Double> sums = openSteps.computeIfAbsent(stepStart, start -> new HashMap<>());
    boolean inCurrency = currency.equals(transaction.getCurrency());
    if (!inCurrency) {
      otherCurrency++;
    }
    double amount = transaction.getAmountMinor() / minorUnitsPerUnit;
    for (String segment : new String[] {ALL, "channel=" + transaction.getChannel(),
        "merchant_category=" + merchantCategory(transaction.getMerchantCategory())}) {
      sums.merge(seriesName(COUNT, segment), 1.0, Double::sum);
      if (inCurrency) {
        sums.merge(seriesName(AMOUNT, segment), amount, Double::sum);
      }
    }
    return true;
  }

  /**
   * Closes, oldest first, every step that ends at or before the watermark at {@code now}, steps without
   * transactions included; each closed step's values hold only the series that had transactions in it.
   *
   * @return how many steps closed
   */
  int close(Instant now, Consumer<ClosedStep> consumer) {
    if (nextStep == Long.MIN_VALUE) {
      return 0;
    }
    long idle = Math.max(0, now.toEpochMilli() - lastArrival - idleMillis);
    watermark = Math.max(watermark, latestEventTime - latenessMillis + idle);
    int closed = 0;
    while (nextStep + stepMillis <= watermark) {
      Map<String, Double> sums = openSteps.remove(nextStep);
      consumer.accept(new ClosedStep(Instant.ofEpochMilli(nextStep), sums == null ? Map.of() : sums));
      nextStep += stepMillis;
      closed++;
    }
    return closed;
  }

  /** Transactions dropped because their step had closed. */
  long late() {
    return late;
  }

  /** Transactions in another currency than the amount series' (counted, not summed). */
  long otherCurrency() {
    return otherCurrency;
  }

  private String merchantCategory(String category) {
    if (merchantCategories.contains(category)) {
      return category;
    }
    if (merchantCategories.size() < maxMerchantCategories) {
      merchantCategories.add(category);
      return category;
    }
    return OTHER;
  }

  /** One closed step: its start and the value of each series that had transactions in it. */
  record ClosedStep(Instant start, Map<String, Double> values) {
  }
}
