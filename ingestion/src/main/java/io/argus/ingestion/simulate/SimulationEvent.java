package io.argus.ingestion.simulate;

import io.argus.avro.FraudLabel;
import io.argus.ingestion.validation.ValidationResult;

/** What a {@link SimulationFeed} emits, in time order: a transaction as sent and validated, or a reported label. */
public sealed interface SimulationEvent {

  /**
   * A simulated transaction: the public JSON a producer sends to {@code transactions-raw} and what the one validation
   * made of it.
   */
  record Sent(SimulatedTransaction simulated, byte[] json, ValidationResult result) implements SimulationEvent {
  }

  /** A fraud label, emitted when its {@code reportedAt} comes (or at the end of the simulation). */
  record Reported(FraudLabel label) implements SimulationEvent {
  }
}
