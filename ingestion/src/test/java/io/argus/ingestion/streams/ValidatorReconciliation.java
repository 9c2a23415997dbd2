package io.argus.ingestion.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.ingestion.simulate.SimulatedTransaction;
import io.argus.ingestion.simulate.Simulator;
import io.argus.ingestion.simulate.SimulatorConfig;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.tokenize.TestKeys;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.TopicAdmin;
import io.argus.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The reconciliation scenario that runs against any Kafka (the embedded broker, a container): 10,000 JSON records,
 * one in twenty malformed, a fault of every reason in turn, sent by a plain Kafka producer; the validator must turn
 * them into exactly 10,000 outputs, every expected transaction on {@code transactions} (decodable, keyed by card
 * token) and every fault on {@code transactions-dlq} with its reason.
 */
final class ValidatorReconciliation {

  static final int RECORDS = 10_000;
  private static final int MALFORMED_EVERY = 20;
  private static final List<RejectReason> FAULTS = List.of(RejectReason.NOT_JSON, RejectReason.WRONG_FIELD_TYPE,
      RejectReason.MISSING_FIELD, RejectReason.INVALID_AMOUNT, RejectReason.NEGATIVE_AMOUNT,
      RejectReason.NON_FINITE_AMOUNT, RejectReason.AMOUNT_TOO_PRECISE, RejectReason.AMOUNT_OUT_OF_RANGE,
      RejectReason.UNKNOWN_CURRENCY,
      RejectReason.FUTURE_EVENT_TIME, RejectReason.INVALID_CARD_NUMBER, RejectReason.RECORD_TOO_LARGE,
      RejectReason.INVALID_FIELD, RejectReason.DUPLICATE);
  private static final CardTokenizer TOKENIZER = TestKeys.tokenizer();

  /** One raw record and what the validator must make of it: {@code null} reason for an accepted transaction. */
  record Raw(byte[] json, String transactionId, RejectReason expected) {
  }

  private ValidatorReconciliation() {
  }

  /** What became of the records sent: read back from the output topics, and as the validator counted them. */
  record Counts(int sent, int validated, int deadLettered, long counted) {
  }

  /**
   * Runs the scenario against the Kafka at {@code bootstrap}, checks each output's content (card token, reason) and
   * returns the counts for the caller to reconcile.
   */
  static Counts run(String bootstrap, Path stateDir) throws Exception {
    TopicAdmin.createAll(bootstrap);
    List<Raw> records = records();
    send(bootstrap, records);

    TransactionValidator transactionValidator = new TransactionValidator(TOKENIZER, ValidationLimits.DEFAULTS,
        Clock.systemUTC());
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "reconciliation-" + UUID.randomUUID());
    settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    Validator validator = Validator.start(bootstrap, settings, transactionValidator,
        ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
    Outputs outputs;
    try {
      outputs = readOutputs(bootstrap, RECORDS, Duration.ofSeconds(90));
    } finally {
      validator.close();
    }
    assertContents(records, outputs);
    return new Counts(RECORDS, outputs.transactions().size(), outputs.deadLetters().size(),
        validator.counts().total());
  }

  /** Simulated transactions as public JSON, every twentieth replaced by a fault, the reasons in turn. */
  static List<Raw> records() {
    Simulator simulator = Simulator.create(SimulatorConfig.DEFAULTS.withPopulation(500, 1_000)
        .withMaxTransactions(RECORDS));
    List<Raw> records = new ArrayList<>(RECORDS);
    Raw lastValid = null;
    for (int i = 0; i < RECORDS; i++) {
      SimulatedTransaction transaction = simulator.next();
      ObjectNode json = transaction.json().node();
      if (i % MALFORMED_EVERY == MALFORMED_EVERY - 1) {
        RejectReason reason = FAULTS.get(i / MALFORMED_EVERY % FAULTS.size());
        records.add(reason == RejectReason.DUPLICATE
            ? new Raw(lastValid.json(), lastValid.transactionId(), reason)
            : new Raw(fault(json, reason), transaction.transactionId(), reason));
      } else {
        lastValid = new Raw(bytes(json), transaction.transactionId(), null);
        records.add(lastValid);
      }
    }
    return records;
  }

  private static byte[] fault(ObjectNode json, RejectReason reason) {
    switch (reason) {
      case NOT_JSON -> {
        String text = json.toString();
        return text.substring(0, text.length() - 1).getBytes(StandardCharsets.UTF_8);
      }
      case WRONG_FIELD_TYPE -> json.put("amount", true);
      case MISSING_FIELD -> json.remove("customer_id");
      case INVALID_AMOUNT -> json.put("amount", "5,00");
      case NEGATIVE_AMOUNT -> json.put("amount", "-5.00");
      case NON_FINITE_AMOUNT -> json.put("amount", "Infinity");
      case AMOUNT_TOO_PRECISE -> json.put("amount", "5.001");
      case AMOUNT_OUT_OF_RANGE -> json.put("amount", "1e7");
      case UNKNOWN_CURRENCY -> json.put("currency", "ABC");
      case FUTURE_EVENT_TIME -> json.put("event_time", Instant.now().plus(Duration.ofDays(1)).toString());
      case INVALID_CARD_NUMBER -> {
        String card = json.get("card_number").textValue();
        char last = card.charAt(card.length() - 1);
        json.put("card_number", card.substring(0, card.length() - 1) + (char) ((last - '0' + 1) % 10 + '0'));
      }
      case RECORD_TOO_LARGE -> json.put("padding", "p".repeat(20_000));
      case INVALID_FIELD -> json.put("channel", "pigeon");
      default -> throw new IllegalArgumentException("no fault for " + reason);
    }
    return bytes(json);
  }

  private static void send(String bootstrap, List<Raw> records) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < records.size(); i++) {
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), i % 3 == 0 ? null : "key-" + i,
            records.get(i).json()));
      }
      producer.flush();
    }
  }

  /** What the validator wrote, as bytes. */
  record Outputs(List<ConsumerRecord<String, byte[]>> transactions, List<ConsumerRecord<String, byte[]>> deadLetters) {
  }

  private static Outputs readOutputs(String bootstrap, int expected, Duration timeout) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reconciliation-reader-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Outputs outputs = new Outputs(new ArrayList<>(), new ArrayList<>());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TRANSACTIONS.name(), Topics.TRANSACTIONS_DLQ.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          (record.topic().equals(Topics.TRANSACTIONS.name()) ? outputs.transactions() : outputs.deadLetters())
              .add(record);
        }
        if (quietUntil == Long.MAX_VALUE && outputs.transactions().size() + outputs.deadLetters().size() >= expected) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        }
      }
    }
    return outputs;
  }

  private static void assertContents(List<Raw> records, Outputs outputs) {
    Map<String, String> expectedTokens = new HashMap<>();
    Map<RejectReason, Long> expectedReasons = new EnumMap<>(RejectReason.class);
    for (Raw record : records) {
      if (record.expected() == null) {
        expectedTokens.put(record.transactionId(), TOKENIZER.token(cardNumber(record)));
      } else {
        expectedReasons.merge(record.expected(), 1L, Long::sum);
      }
    }
    assertThat(expectedReasons.keySet()).containsExactlyInAnyOrderElementsOf(FAULTS);

    AvroCodec<Transaction> transactions = AvroCodec.of(Transaction.class);
    Set<String> validatedIds = new HashSet<>();
    for (ConsumerRecord<String, byte[]> record : outputs.transactions()) {
      Transaction transaction = transactions.decode(record.value());
      assertThat(record.key()).isEqualTo(expectedTokens.get(transaction.getTransactionId()));
      validatedIds.add(transaction.getTransactionId());
    }
    assertThat(validatedIds).hasSize(outputs.transactions().size()).isEqualTo(expectedTokens.keySet());

    AvroCodec<RejectedRecord> rejections = AvroCodec.of(RejectedRecord.class);
    Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
    for (ConsumerRecord<String, byte[]> record : outputs.deadLetters()) {
      reasons.merge(rejections.decode(record.value()).getReason(), 1L, Long::sum);
    }
    assertThat(reasons).isEqualTo(expectedReasons);
  }

  private static String cardNumber(Raw record) {
    String json = new String(record.json(), StandardCharsets.UTF_8);
    int start = json.indexOf("\"card_number\":\"") + "\"card_number\":\"".length();
    return json.substring(start, json.indexOf('"', start));
  }

  private static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
