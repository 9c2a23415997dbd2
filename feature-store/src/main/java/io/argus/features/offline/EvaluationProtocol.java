package io.argus.features.offline;

import io.argus.features.offline.DatasetSplit.Window;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The handbook's evaluation protocol in calendar days (UTC): validation {@code [trainFrom - validationDays,
 * trainFrom)}, train {@code [trainFrom, trainFrom + trainDays)}, a gap of {@code delayDays} while labels arrive, then
 * test {@code [trainFrom + trainDays + delayDays, + testDays)}. The three windows are disjoint.
 */
public record EvaluationProtocol(LocalDate trainFrom, int trainDays, int delayDays, int testDays,
    int validationDays) {

  public static final int DEFAULT_VALIDATION_DAYS = 7;

  public EvaluationProtocol {
    if (trainFrom == null) {
      throw new IllegalArgumentException("trainFrom is required");
    }
    if (trainDays < 1 || testDays < 1 || validationDays < 1 || delayDays < 0) {
      throw new IllegalArgumentException("train, test and validation need at least one day and the delay zero or "
          + "more; got train " + trainDays + ", delay " + delayDays + ", test " + testDays + ", validation "
          + validationDays);
    }
  }

  /** The handbook's single split: train 2018-07-25 for 7 days, 7 days of delay, test 7 days, validation 7 days. */
  public static EvaluationProtocol handbook() {
    return new EvaluationProtocol(LocalDate.of(2018, 7, 25), 7, 7, 7, DEFAULT_VALIDATION_DAYS);
  }

  public LocalDate validationFrom() {
    return trainFrom.minusDays(validationDays);
  }

  public LocalDate trainTo() {
    return trainFrom.plusDays(trainDays);
  }

  public LocalDate testFrom() {
    return trainTo().plusDays(delayDays);
  }

  public LocalDate testTo() {
    return testFrom().plusDays(testDays);
  }

  public Window validationWindow() {
    return window(validationFrom(), trainFrom);
  }

  public Window trainWindow() {
    return window(trainFrom, trainTo());
  }

  public Window testWindow() {
    return window(testFrom(), testTo());
  }

  private static Window window(LocalDate from, LocalDate to) {
    return new Window(from.atStartOfDay().toInstant(ZoneOffset.UTC), to.atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
