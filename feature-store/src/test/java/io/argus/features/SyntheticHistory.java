package io.argus.features;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A small deterministic history for job tests: customers paying at nearby terminals for some days, a few frauds
 * (a compromised terminal, a card with large amounts), each reported between 1 and 10 days later.
 */
public record SyntheticHistory(List<Transaction> transactions, List<FraudLabel> labels) {

  public static SyntheticHistory generate(long seed, int customers, int terminals, int days) {
    Random random = new Random(seed);
    List<Transaction> transactions = new ArrayList<>();
    List<FraudLabel> labels = new ArrayList<>();
    Instant start = Fixtures.T0.minus(Duration.ofDays(days));
    int id = 0;
    for (int day = 0; day < days; day++) {
      for (int customer = 0; customer < customers; customer++) {
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
          Instant at = start.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
          int terminal = (customer + random.nextInt(3)) % terminals;
          double amount = 5 + random.nextInt(9_500) / 100.0;
          boolean fraud = terminal == 0 && day % 5 == 0 || random.nextDouble() < 0.02;
          Transaction transaction = Fixtures.tx(Integer.toString(id++), "c" + customer, "term-" + terminal,
              fraud ? amount * 5 : amount, at);
          transactions.add(transaction);
          Instant reported = at.plus(Duration.ofDays(1 + random.nextInt(10))).plusSeconds(random.nextInt(3_600));
          labels.add(Fixtures.label(transaction, fraud, reported));
        }
      }
    }
    transactions.sort(Comparator.comparing(Transaction::getEventTime));
    labels.sort(Comparator.comparing(FraudLabel::getReportedAt));
    return new SyntheticHistory(transactions, labels);
  }
}
