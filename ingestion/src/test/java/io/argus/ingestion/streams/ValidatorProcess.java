package io.argus.ingestion.streams;

import io.argus.ingestion.tokenize.TestKeys;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A validator in a JVM of its own, for {@link ValidatorCrashIT} to kill without warning. Arguments: bootstrap
 * servers, state directory, application id, the second stage's processing guarantee. Runs until the process is
 * killed; prints {@code ready} when both stages run.
 */
public final class ValidatorProcess {

  /** Both stages' commit interval here: long, so that a kill always leaves records they will process again. */
  static final String COMMIT_INTERVAL_MS = "5000";

  private ValidatorProcess() {
  }

  public static void main(String[] args) throws Exception {
    Properties settings = new Properties();
    settings.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
    settings.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
    settings.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // a killed member's partitions move to the restarted one after this, not after the 45 s default
    settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
    settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_500);
    settings.put(Validator.CHECK_STAGE_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args[3]);
    if (StreamsConfig.AT_LEAST_ONCE.equals(args[3])) {
      settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    }
    TransactionValidator validator = new TransactionValidator(TestKeys.tokenizer(), ValidationLimits.DEFAULTS,
        Clock.systemUTC());
    Validator running = Validator.start(args[0], settings, validator, ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
    running.ready().toCompletableFuture().get();
    System.out.println("ready");
    Thread.currentThread().join();
  }
}
