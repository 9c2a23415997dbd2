package io.argus.ingestion.simulate;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.ingestion.FraudLabels;
import io.argus.ingestion.validation.SourcePosition;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The simulator as a source of Argus records: each generated transaction is written as the public JSON and put
 * through the one validation, and each accepted one gets a fraud label (fraud or not) reported {@code labelDelay}
 * later, emitted in time order among the transactions; labels still pending at the end come last. A {@link Pacer}
 * sets the speed. Not thread-safe.
 *
 * <pre>{@code
 * SimulationFeed feed = new SimulationFeed(Simulator.create(config), validator, Duration.ofDays(7), Pacer.UNLIMITED);
 * while (feed.hasNext()) {
 *   switch on feed.next(): Sent (json, validation result) or Reported (label)
 * }
 * }</pre>
 */
public final class SimulationFeed implements Iterator<SimulationEvent> {

  /** The source topic named in the rejections of simulated records. */
  public static final String SOURCE = "simulator";

  private final Simulator simulator;
  private final TransactionValidator validator;
  private final Duration labelDelay;
  private final Pacer pacer;
  private final PriorityQueue<FraudLabel> labels = new PriorityQueue<>(
      Comparator.comparing(FraudLabel::getReportedAt).thenComparing(FraudLabel::getTransactionTime));
  private SimulatedTransaction lookahead;
  private long sent;
  private boolean paced = true;

  public SimulationFeed(Simulator simulator, TransactionValidator validator, Duration labelDelay, Pacer pacer) {
    if (labelDelay.isNegative()) {
      throw new IllegalArgumentException("label delay must not be negative, got " + labelDelay);
    }
    this.simulator = simulator;
    this.validator = validator;
    this.labelDelay = labelDelay;
    this.pacer = pacer;
  }

  /** Every transaction and label of a simulation, unpaced: for tests and small histories. */
  public static History history(Simulator simulator, TransactionValidator validator, Duration labelDelay) {
    List<Transaction> transactions = new ArrayList<>();
    List<FraudLabel> labels = new ArrayList<>();
    new SimulationFeed(simulator, validator, labelDelay, Pacer.UNLIMITED).forEachRemaining(event -> {
      if (event instanceof SimulationEvent.Sent sent && sent.result().isAccepted()) {
        transactions.add(sent.result().transaction());
      } else if (event instanceof SimulationEvent.Reported reported) {
        labels.add(reported.label());
      }
    });
    return new History(transactions, labels);
  }

  /** A whole simulation: its validated transactions in time order, and their labels in reporting order. */
  public record History(List<Transaction> transactions, List<FraudLabel> labels) {
  }

  /**
   * Moves past the next {@code count} events at once, without the pacer's waits: a simulation resumed where an
   * earlier run stopped skips what that run sent.
   *
   * @return the events skipped (fewer than {@code count} when the simulation ends first)
   */
  public long skip(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("cannot skip a negative number of events, got " + count);
    }
    paced = false;
    try {
      long skipped = 0;
      while (skipped < count && hasNext()) {
        next();
        skipped++;
      }
      return skipped;
    } finally {
      paced = true;
    }
  }

  @Override
  public boolean hasNext() {
    return lookahead != null || simulator.hasNext() || !labels.isEmpty();
  }

  /**
   * The next event, after the pacer's wait.
   *
   * @throws IllegalStateException when interrupted while waiting (the interrupt flag is kept)
   */
  @Override
  public SimulationEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the simulation is over");
    }
    if (lookahead == null && simulator.hasNext()) {
      lookahead = simulator.next();
    }
    try {
      if (!labels.isEmpty() && (lookahead == null || !labels.peek().getReportedAt().isAfter(lookahead.time()))) {
        if (lookahead != null && paced) {
          pacer.awaitTime(labels.peek().getReportedAt());
        }
        return new SimulationEvent.Reported(labels.poll());
      }
      if (paced) {
        pacer.awaitTransaction(lookahead.time());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing the simulation", e);
    }
    SimulatedTransaction simulated = lookahead;
    lookahead = null;
    return send(simulated);
  }

  private SimulationEvent send(SimulatedTransaction simulated) {
    TransactionJson json = simulated.json();
    byte[] bytes = json.bytes();
    ValidationResult result = validator.validate(json.node(), bytes, new SourcePosition(SOURCE, 0, sent++));
    if (result.isAccepted()) {
      labels.add(FraudLabels.of(result.transaction(), simulated.fraud(), simulated.scenario().number(), labelDelay));
    }
    return new SimulationEvent.Sent(simulated, bytes, result);
  }
}
