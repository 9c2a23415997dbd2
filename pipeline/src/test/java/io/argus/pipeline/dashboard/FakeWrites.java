package io.argus.pipeline.dashboard;

import io.argus.avro.CaseDecision;
import io.argus.avro.FraudLabel;
import io.argus.avro.RiskRule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The dashboard's writes kept in lists instead of Kafka; can be told to fail, as Kafka might. */
final class FakeWrites implements DashboardWrites {

  final List<FraudLabel> labels = new CopyOnWriteArrayList<>();
  final List<CaseDecision> decisions = new CopyOnWriteArrayList<>();
  final List<RiskRule> published = new CopyOnWriteArrayList<>();
  final List<String> retired = new CopyOnWriteArrayList<>();
  volatile boolean failing;
  volatile boolean closed;

  @Override
  public void decide(FraudLabel label, CaseDecision decision) {
    failIfAsked();
    labels.add(label);
    decisions.add(decision);
  }

  @Override
  public void publish(RiskRule rule) {
    failIfAsked();
    published.add(rule);
  }

  @Override
  public void retire(String id, String author) {
    failIfAsked();
    retired.add(id + " by " + author);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void failIfAsked() {
    if (failing) {
      throw new IllegalStateException("could not write to Kafka: the broker is down");
    }
  }
}
