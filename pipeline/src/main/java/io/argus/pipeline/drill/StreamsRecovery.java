package io.argus.pipeline.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka Streams settings that let a killed instance of the validator or the scorer come back without stalling
 * its partitions: each instance is a static member of its group ({@code group.instance.id}), so a restart within the
 * session timeout takes its partitions back at once instead of waiting for the coordinator to notice the death; and
 * each keeps its state directory across restarts, where Kafka Streams keeps the process id its transactional ids are
 * made of, so the restarted producer fences its predecessor and aborts the transaction it left open, which
 * {@code read_committed} readers downstream are waiting behind. The values, and what they were measured against,
 * are in the root README ("Running on a cluster").
 */
final class StreamsRecovery {

  /** Long enough to cover a restart on a busy machine; an instance gone for good is replaced after it. */
  static final int SESSION_TIMEOUT_MS = 15_000;
  /** How soon a live member hears of a rebalance another member's return started. */
  static final int HEARTBEAT_INTERVAL_MS = 1_000;

  private StreamsRecovery() {
  }

  /** The settings of instance {@code instanceId}; {@code overrides} win. */
  static Map<String, String> settings(String instanceId, Map<String, String> overrides) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("group.instance.id", instanceId);
    settings.put("session.timeout.ms", Integer.toString(SESSION_TIMEOUT_MS));
    settings.put("heartbeat.interval.ms", Integer.toString(HEARTBEAT_INTERVAL_MS));
    settings.putAll(overrides);
    return settings;
  }

  /** Writes {@code settings} as a properties file, for {@code --kafka-config} / {@code --config}. */
  static Path write(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(writer, "written by argus drill: this instance's Kafka Streams recovery settings");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
