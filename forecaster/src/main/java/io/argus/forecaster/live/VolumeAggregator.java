package io.argus.forecaster.live;

import io.argus.avro.Transaction;
import java.time.Instant;
import java.util.Collection;
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
 * closes once the watermark passes its end. As in Flink, each source partition has its own event-time progress
 * (its latest event time less the allowed lateness) and the watermark is the slowest active partition's, so a
 * partition read ahead of the others does not make theirs late; a partition with no transaction for the idle
 * timeout (by the clock) stops holding it back, and when every partition is idle the watermark moves on with the
 * clock, so that a silent outage still closes steps (with zero volume). A transaction whose step has closed is
 * late: counted, and dropped.
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
  private final Map<Integer, PartitionProgress> partitions = new HashMap<>();
  private long nextStep = Long.MIN_VALUE;
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

  /** Registers partitions that have not delivered a transaction yet; they hold the watermark back while active. */
  void expectPartitions(Collection<Integer> expected, Instant now) {
    for (int partition : expected) {
      partitions.computeIfAbsent(partition, key -> new PartitionProgress()).lastArrival = now.toEpochMilli();
    }
  }

  /**
   * Adds one transaction read from {@code partition}, which arrived at {@code arrival} (clock time).
   *
   * @return false when its step has already closed (a late transaction)
   */
  boolean add(Transaction transaction, int partition, Instant arrival) {
    long eventTime = transaction.getEventTime().toEpochMilli();
    long stepStart = Math.floorDiv(eventTime, stepMillis) * stepMillis;
    PartitionProgress progress = partitions.computeIfAbsent(partition, key -> new PartitionProgress());
    progress.lastArrival = arrival.toEpochMilli();
    if (stepStart < nextStep) {
      late++;
      return false;
    }
    if (nextStep == Long.MIN_VALUE) {
      nextStep = stepStart;
    }
    progress.latestEventTime = Math.max(progress.latestEventTime, eventTime);
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
    watermark = Math.max(watermark, watermark(now.toEpochMilli()));
    int closed = 0;
    while (nextStep + stepMillis <= watermark) {
      Map<String, Double> sums = openSteps.remove(nextStep);
      consumer.accept(new ClosedStep(Instant.ofEpochMilli(nextStep), sums == null ? Map.of() : sums));
      nextStep += stepMillis;
      closed++;
    }
    return closed;
  }

  /** The slowest active partition's event time less the lateness; with none active, event time follows the clock. */
  private long watermark(long now) {
    long slowest = Long.MAX_VALUE;
    long latest = Long.MIN_VALUE;
    long lastArrival = Long.MIN_VALUE;
    for (PartitionProgress progress : partitions.values()) {
      if (now - progress.lastArrival <= idleMillis) {
        slowest = Math.min(slowest, progress.latestEventTime);
      }
      latest = Math.max(latest, progress.latestEventTime);
      lastArrival = Math.max(lastArrival, progress.lastArrival);
    }
    if (slowest == Long.MIN_VALUE) {
      return Long.MIN_VALUE;
    }
    return slowest != Long.MAX_VALUE ? slowest - latenessMillis : latest - latenessMillis + now - lastArrival - idleMillis;
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

  /** How far one source partition has got: its latest event time and when (by the clock) it last delivered. */
  private static final class PartitionProgress {
    long latestEventTime = Long.MIN_VALUE;
    long lastArrival;
  }

  /** One closed step: its start and the value of each series that had transactions in it. */
  record ClosedStep(Instant start, Map<String, Double> values) {
  }
}
