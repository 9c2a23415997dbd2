package io.argus.features;

import io.argus.avro.FraudLabel;
import io.argus.avro.Transaction;
import io.argus.ingestion.FraudLabels;
import io.argus.schemas.AvroCodec;
import java.time.Duration;
import java.time.Instant;

/** Readable test data: named instants and small factories of transactions and labels. */
public final class Fixtures {

  /** A Wednesday at noon (UTC). */
  public static final Instant T0 = Instant.parse("2018-07-25T12:00:00Z");
  public static final Duration ONE_DAY = Duration.ofDays(1);
  public static final Duration ONE_SECOND = Duration.ofSeconds(1);

  static {
    AvroCodec.trustArgusRecords(); // Avro's builders need it
  }

  private Fixtures() {
  }

  /** A EUR transaction of {@code card} (which is also its customer) at {@code terminal}. */
  public static Transaction tx(String id, String card, String terminal, double amount, Instant at) {
    return Transaction.newBuilder()
        .setTransactionId(id)
        .setEventTime(at)
        .setCardToken("card-" + card)
        .setCustomerId(card)
        .setTerminalId(terminal)
        .setAmountMinor(Math.round(amount * 100))
        .setCurrency("EUR")
        .build();
  }

  /** The label of {@code transaction}, reported at {@code reportedAt}. */
  public static FraudLabel label(Transaction transaction, boolean fraud, Instant reportedAt) {
    return FraudLabels.of(transaction, fraud, 0, Duration.between(transaction.getEventTime(), reportedAt));
  }

  /** A fraud label reported the handbook's 7 days after its transaction. */
  public static FraudLabel fraud(Transaction transaction) {
    return label(transaction, true, transaction.getEventTime().plus(FraudV1.LABEL_DELAY));
  }
}
