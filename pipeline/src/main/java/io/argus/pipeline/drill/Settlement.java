package io.argus.pipeline.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.features.offline.OfflineStore;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The end of a drill: once the traffic has stopped, waits until the pipeline has drained (every raw record validated
 * or dead-lettered, every transaction scored and stored or dead-lettered as late), then reads everything back and
 * settles the accounts ({@link Reconciliation}).
 */
final class Settlement {

  private static final Duration POLL = Duration.ofSeconds(2);
  /** After the last expected score, how long to keep reading for a duplicate one. */
  private static final Duration QUIET = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrap;
  private final Path offlineStore;
  private final ScoreTimeline timeline;
  private final PrintWriter out;

  Settlement(String bootstrap, Path offlineStore, ScoreTimeline timeline, PrintWriter out) {
    this.bootstrap = bootstrap;
    this.offlineStore = offlineStore;
    this.timeline = timeline;
    this.out = out;
  }

  /** Waits for the drain (at most {@code timeout}; what has not arrived by then counts as lost), then reconciles. */
  Reconciliation settle(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    Map<Reconciliation.RawPosition, String> raw = raw();
    while (validated() < raw.size() && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
    }
    Set<String> transactions = transactions().keySet();
    while (!timeline.scoresPerTransaction().keySet().containsAll(transactions) && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
    }
    Thread.sleep(QUIET.toMillis());
    while (!storedOrLate(transactions) && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
    }
    out.printf("drained after %s%s%n", Drill.seconds(System.nanoTime() - started),
        System.nanoTime() < deadline ? "" : " (gave up waiting: what is missing counts as lost)");
    out.flush();

    Map<Reconciliation.RawPosition, Integer> rawDeadLetters = new HashMap<>();
    Map<String, Long> reasons = new HashMap<>();
    Set<String> late = new HashSet<>();
    readDeadLetters(rawDeadLetters, reasons, late);
    return Reconciliation.of(new Reconciliation.Inputs(raw, transactions(), rawDeadLetters, reasons, features(),
        timeline.scoresPerTransaction(), stored(), late));
  }

  /** Raw records with an outcome: transaction ids validated and raw records dead-lettered, copies apart. */
  private long validated() {
    Map<Reconciliation.RawPosition, Integer> deadLetters = new HashMap<>();
    readDeadLetters(deadLetters, new HashMap<>(), new HashSet<>());
    return transactions().size() + deadLetters.size();
  }

  private boolean storedOrLate(Set<String> transactions) {
    Set<String> done = new HashSet<>(stored().keySet());
    Map<Reconciliation.RawPosition, Integer> ignored = new HashMap<>();
    Set<String> late = new HashSet<>();
    readDeadLetters(ignored, new HashMap<>(), late);
    done.addAll(late);
    return done.containsAll(transactions);
  }

  /** The transaction id of every raw record, by position. */
  private Map<Reconciliation.RawPosition, String> raw() {
    Map<Reconciliation.RawPosition, String> raw = new HashMap<>();
    TopicScan.readAll(bootstrap, Topics.TRANSACTIONS_RAW, record -> raw.put(
        new Reconciliation.RawPosition(record.partition(), record.offset()), transactionId(record.value())));
    return raw;
  }

  private static String transactionId(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      return node.path("transaction_id").asText("(no id)");
    } catch (IOException e) {
      return "(not JSON)";
    }
  }

  private Map<String, Integer> transactions() {
    Map<String, Integer> counts = new HashMap<>();
    TopicScan.readAll(bootstrap, Topics.TRANSACTIONS, record -> counts.merge(
        record.value().getTransactionId(), 1, Integer::sum));
    return counts;
  }

  private Map<String, Integer> features() {
    Map<String, Integer> counts = new HashMap<>();
    TopicScan.readAll(bootstrap, Topics.FEATURES, record -> counts.merge(
        record.value().getTransactionId(), 1, Integer::sum));
    return counts;
  }

  /**
   * Dead letters: those of raw records by position and reason, and the transactions the feature job found too late
   * for the offline store ({@code LATE_EVENT}, holding the transaction's Avro bytes).
   */
  private void readDeadLetters(Map<Reconciliation.RawPosition, Integer> raw, Map<String, Long> reasons,
      Set<String> late) {
    AvroCodec<Transaction> transactions = AvroCodec.of(Transaction.class);
    TopicScan.readAll(bootstrap, Topics.TRANSACTIONS_DLQ, record -> {
      RejectedRecord rejected = record.value();
      if (Topics.TRANSACTIONS_RAW.name().equals(rejected.getSourceTopic())) {
        if (raw.merge(new Reconciliation.RawPosition(rejected.getSourcePartition(), rejected.getSourceOffset()), 1,
            Integer::sum) == 1) {
          reasons.merge(rejected.getReason().name(), 1L, Long::sum);
        }
      } else if (rejected.getReason() == RejectReason.LATE_EVENT
          && Topics.TRANSACTIONS.name().equals(rejected.getSourceTopic())) {
        java.nio.ByteBuffer buffer = rejected.getOriginalBytes().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try {
          late.add(transactions.decode(bytes).getTransactionId());
        } catch (RuntimeException e) {
          out.println("a LATE_EVENT dead letter does not decode as a Transaction: " + e.getMessage());
        }
      }
    });
  }

  /** Rows of the offline store per transaction id (the simulation's days: from {@link RawTraffic#HISTORY_DAYS} ago). */
  private Map<String, Integer> stored() {
    Map<String, Integer> counts = new HashMap<>();
    if (!Files.isDirectory(offlineStore)) {
      return counts;
    }
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    OfflineStore.at(offlineStore).features(today.minusDays(RawTraffic.HISTORY_DAYS + 1L), today.plusDays(1),
        vector -> counts.merge(vector.getTransactionId(), 1, Integer::sum));
    return counts;
  }
}
