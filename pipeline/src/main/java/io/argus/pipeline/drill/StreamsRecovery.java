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
 * The Kafka Streams settings that keep a kill of one validator or scorer instance short, for the drill's two
 * instances of each:
 * <ul>
 *   <li>a dead instance is noticed within a {@linkplain #SESSION_TIMEOUT_MS short session}, and its tasks go to the
 *       other instance, which already holds a copy of their state ({@code num.standby.replicas} 1): nothing to
 *       restore from the changelogs before it resumes;</li>
 *   <li>the transaction the dead instance left open, which {@code read_committed} readers and the new owner's
 *       offsets wait for, is aborted by a live instance within a second of the session's end
 *       ({@link io.argus.kafka.OrphanTransactions}), not after its timeout; the timeout stays Kafka Streams' 10 s,
 *       which a transaction open across a broker's failover must outlast: at 5 s a live validator's transaction was
 *       aborted while a killed broker's partitions moved, and the validator stopped;</li>
 *   <li>each instance is a static member ({@code group.instance.id}) and keeps its state directory, where Kafka
 *       Streams keeps the process id its transactional ids are made of: a restart within the session takes its
 *       tasks back without a rebalance, and the restarted producer fences its predecessor.</li>
 * </ul>
 * The values, and what they were measured against, are in the root README ("Running on a cluster").
 */
final class StreamsRecovery {

  /**
   * How long a silent instance keeps its tasks: a few heartbeats, well under the drill's 10 s stall limit; an
   * instance that restarts slower than this rejoins as a new member.
   */
  static final int SESSION_TIMEOUT_MS = 6_000;
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
    settings.put("num.standby.replicas", "1");
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
