package io.argus.ingestion.validation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * The limits a transaction must respect.
 *
 * @param maxRecordBytes a larger raw record is rejected as too large (and its kept bytes are cut to this size)
 * @param maxAmount the largest amount accepted, in major units of any currency
 * @param maxClockSkew how far in the future of the validator's clock an event time may be
 * @param earliestEventTime older event times are rejected (epoch seconds sent as milliseconds land in 1970)
 */
public record ValidationLimits(int maxRecordBytes, BigDecimal maxAmount, Duration maxClockSkew,
    Instant earliestEventTime) {

  public static final ValidationLimits DEFAULTS = new ValidationLimits(16 * 1024, new BigDecimal("1000000"),
      Duration.ofMinutes(5), Instant.parse("2000-01-01T00:00:00Z"));

  public ValidationLimits {
    if (maxRecordBytes < 256) {
      throw new IllegalArgumentException("maxRecordBytes must be at least 256, got " + maxRecordBytes);
    }
    if (maxAmount == null || maxAmount.signum() <= 0) {
      throw new IllegalArgumentException("maxAmount must be positive, got " + maxAmount);
    }
    if (maxClockSkew == null || maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative, got " + maxClockSkew);
    }
    if (earliestEventTime == null) {
      throw new IllegalArgumentException("earliestEventTime must be given");
    }
  }

  public ValidationLimits withMaxRecordBytes(int bytes) {
    return new ValidationLimits(bytes, maxAmount, maxClockSkew, earliestEventTime);
  }

  public ValidationLimits withMaxAmount(BigDecimal amount) {
    return new ValidationLimits(maxRecordBytes, amount, maxClockSkew, earliestEventTime);
  }

  public ValidationLimits withMaxClockSkew(Duration skew) {
    return new ValidationLimits(maxRecordBytes, maxAmount, skew, earliestEventTime);
  }
}
