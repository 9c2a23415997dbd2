package io.argus.pipeline.dashboard;

import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.RiskRule;

/**
 * What the dashboard writes to Kafka, as a parameter so that tests can hand it a fake: an analyst's verdict (the label
 * and its audit record, together or not at all), a published rule and a retired one. Each call returns once Kafka has
 * acknowledged the write, or throws.
 */
interface DashboardWrites extends AutoCloseable {

  /** The verdict's {@code FraudLabel} on {@code fraud-labels} and its {@code CaseDecision} on {@code case-decisions}. */
  void decide(FraudLabel label, CaseDecision decision);

  /** A checked rule on {@code rules}, with its author in the record and in an {@code author} header. */
  void publish(RiskRule rule);

  /** The tombstone of rule {@code id}, with who retired it in an {@code author} header. */
  void retire(String id, String author);

  @Override
  void close();
}
