package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.FeatureVector;
import io.argus.avro.FraudScore;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.embedded.TopicReader;
import io.argus.features.FraudV1;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionJson;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.kafka.KafkaClients;
import io.argus.model.registry.ModelRegistry;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.schemas.Topics;
import io.argus.trainer.registry.KafkaReleaseSink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A $0 authorization end to end on the embedded broker: raw JSON on {@code transactions-raw}, the validator, the
 * feature job on a MiniCluster, the scorer with the demo's shipped model, a {@code FraudScore} on
 * {@code fraud-scores}. The card pays three times, is verified with a $0 authorization, then pays 150.00: every one
 * is scored once, the zero counts in the customer's mean and the card's history, the payment after it gets a finite
 * ratio to the card's median; a negative amount beside them is dead-lettered with its own reason.
 */
class ZeroAmountAuthorizationIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CARD = "4111111111111111";
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  Path temp;

  @Test
  void shouldScoreAZeroAmountAuthorizationFromRawJsonToFraudScore() throws Exception {
    DemoDirectory directory = DemoDirectory.prepare(temp.resolve("demo"), false);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, directory.kafka())) {
      String bootstrap = broker.bootstrap();
      DemoTopics.create(bootstrap);
      try (Validator validator = startValidator(bootstrap, directory);
          EmbeddedFeatureJob features = EmbeddedFeatureJob.start(bootstrap, directory);
          Scorer scorer = startScorer(bootstrap, directory)) {
        send(bootstrap, List.of(
            raw("pay-1", "25.00", NOW.minus(Duration.ofHours(5))),
            raw("pay-2", "40.00", NOW.minus(Duration.ofHours(4))),
            raw("pay-3", "12.50", NOW.minus(Duration.ofHours(3))),
            raw("verify-0", "0.00", NOW.minus(Duration.ofMinutes(10))),
            raw("refund-1", "-5.00", NOW.minus(Duration.ofMinutes(8))),
            raw("pay-4", "150.00", NOW.minus(Duration.ofMinutes(5)))));

        List<FraudScore> scored = TopicReader.readAll(bootstrap, Topics.FRAUD_SCORES, 5, WAIT, Duration.ofSeconds(2))
            .stream().map(ConsumerRecord::value).toList();
        assertThat(scored).extracting(score -> score.getTransactionId().toString()).as("each scored once")
            .containsExactlyInAnyOrder("pay-1", "pay-2", "pay-3", "verify-0", "pay-4");
        Map<String, FraudScore> scores = scored.stream()
            .collect(Collectors.toMap(score -> score.getTransactionId().toString(), score -> score));
        Map<String, FeatureVector> vectors = TopicReader.readAll(bootstrap, Topics.FEATURES, 5,
            Duration.ofSeconds(10), Duration.ZERO).stream().map(ConsumerRecord::value)
            .collect(Collectors.toMap(vector -> vector.getTransactionId().toString(), vector -> vector,
                (first, again) -> first));
        List<RejectedRecord> deadLetters = TopicReader.readAll(bootstrap, Topics.TRANSACTIONS_DLQ, 1,
            Duration.ofSeconds(10), Duration.ZERO).stream().map(ConsumerRecord::value).toList();

        FraudScore zero = scores.get("verify-0");
        assertThat(zero.getScore()).isBetween(0.0, 1.0);
        assertThat(zero.getDecision()).isNotNull();
        assertThat(zero.getModelName().toString()).isEqualTo(DemoTraining.modelName());
        assertThat(zero.getCardToken().toString()).isEqualTo(scores.get("pay-1").getCardToken().toString());
        assertThat(value(vectors.get("verify-0"), FraudV1.TX_AMOUNT)).isZero();
        assertThat(value(vectors.get("verify-0"), FraudV1.CARD_AMOUNT_OVER_MEDIAN)).as("0 over a median of 25")
            .isZero();
        assertThat(value(vectors.get("verify-0"), FraudV1.customerAverageAmount(1)))
            .isEqualTo((25.0 + 40.0 + 12.5 + 0) / 4);
        assertThat(value(vectors.get("pay-4"), FraudV1.customerCount(1))).as("the $0 counts").isEqualTo(5.0);
        assertThat(value(vectors.get("pay-4"), FraudV1.CARD_AMOUNT_OVER_MEDIAN))
            .as("150 over the median of 25, 40, 12.50 and 0").isEqualTo(150 / ((12.5 + 25.0) / 2));
        assertThat(scores.get("pay-4").getScore()).isBetween(0.0, 1.0);
        assertThat(deadLetters).singleElement().satisfies(rejected -> {
          assertThat(rejected.getReason()).isEqualTo(RejectReason.NEGATIVE_AMOUNT);
          assertThat(StandardCharsets.UTF_8.decode(rejected.getOriginalBytes()).toString()).contains("refund-1");
        });
      }
    }
  }

  private static Validator startValidator(String bootstrap, DemoDirectory directory) {
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.validatorState().toAbsolutePath().toString());
    return Validator.start(bootstrap, settings, new TransactionValidator(CardTokenizer.throwaway(),
        ValidationLimits.DEFAULTS, Clock.systemUTC()), ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
  }

  private static Scorer startScorer(String bootstrap, DemoDirectory directory) {
    ModelRegistry registry = new ModelRegistry(directory.registry());
    try (KafkaReleaseSink releases = new KafkaReleaseSink(bootstrap)) {
      DemoModel.installIfNoChampion(registry, NOW).ifPresent(releases::release);
    }
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, directory.scorerState().toAbsolutePath().toString());
    ScorerConfig defaults = ScorerConfig.DEFAULTS;
    return Scorer.start(bootstrap, settings, new ScorerConfig(defaults.thresholds(), defaults.explainer(),
        defaults.deduplicationRetention(), 0, defaults.httpThreads()), new ArtifactModelLoader(registry.root()),
        Clock.systemUTC());
  }

  private static byte[] raw(String id, String amount, Instant at) {
    return TransactionJson.of(id, at, CARD, "c-zero", "term-" + id, new BigDecimal(amount), "EUR").node().toString()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(String bootstrap, List<byte[]> records) throws Exception {
    try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, Topics.TRANSACTIONS_RAW)) {
      for (byte[] json : records) {
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), "c-zero", json)).get();
      }
    }
  }

  private static double value(FeatureVector vector, String feature) {
    return vector.getValues().get(FraudV1.FEATURE_SET.indexOf(feature));
  }
}
