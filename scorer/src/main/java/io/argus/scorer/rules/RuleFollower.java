package io.argus.scorer.rules;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.RiskRule;
import io.argus.avro.Severity;
import io.argus.schemas.AvroCodec;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code rules} topic on a thread of its own, like the model-release follower follows releases,
 * and keeps the {@link RuleHolder} at the rules in force: the latest record of each rule id, compiled, a tombstone
 * retiring the id. Every change is compiled here, off the stream threads, and swapped in as a whole new
 * {@link RuleSet}: no restart, no pause.
 *
 * <p>Every instance needs every rule, so the consumer is assigned all partitions (no group) and reads from the
 * beginning. On start it reads to the end, keeping the latest record per id as compaction would, compiles those, and
 * only then marks the holder loaded, so the scorer does not score without the rules it had before a restart. A record
 * it cannot serve — undecodable (also dead-lettered), keyed differently from its id, not compiling, naming a feature
 * the scorer does not know — is refused with a {@code MODEL} alert (references {@code ruleId}, {@code ruleVersion}):
 * that id is then not in force, whatever an earlier version said, so the rules in force are always a function of the
 * topic's latest records and a restarted scorer applies exactly what a running one does. (The command line and the
 * dashboard check a rule before they publish it; this guards against anything else that writes to the topic.) When the
 * topic does not exist the scorer scores without rules, says so, and looks again every ten seconds.
 */
public final class RuleFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RuleFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(10);

  private final Consumer<String, byte[]> consumer;
  private final RuleHolder holder;
  private final RuleCompiler compiler;
  private final RuleMetrics metrics;
  private final java.util.function.Consumer<Alert> alerts;
  private final java.util.function.Consumer<RejectedRecord> deadLetters;
  private final Clock clock;
  private final AvroCodec<RiskRule> codec = AvroCodec.of(RiskRule.class);
  private final Map<String, CompiledRule> inForce = new TreeMap<>();
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile boolean running = true;

  private RuleFollower(Consumer<String, byte[]> consumer, RuleHolder holder, RuleCompiler compiler,
      RuleMetrics metrics, java.util.function.Consumer<Alert> alerts,
      java.util.function.Consumer<RejectedRecord> deadLetters, Clock clock) {
    this.consumer = consumer;
    this.holder = holder;
    this.compiler = compiler;
    this.metrics = metrics;
    this.alerts = alerts;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.thread = new Thread(this::run, "rule-follower");
    thread.setDaemon(true);
  }

  /**
   * Starts following; the follower owns {@code consumer} (a read-committed consumer without a group) and closes it.
   *
   * @param alerts where refusals go (the alerts topic)
   * @param deadLetters where undecodable records go (the dead-letter topic)
   */
  public static RuleFollower start(Consumer<String, byte[]> consumer, RuleHolder holder, RuleCompiler compiler,
      RuleMetrics metrics, java.util.function.Consumer<Alert> alerts,
      java.util.function.Consumer<RejectedRecord> deadLetters, Clock clock) {
    RuleFollower follower = new RuleFollower(consumer, holder, compiler, metrics, alerts, deadLetters, clock);
    follower.thread.start();
    return follower;
  }

  @Override
  public void close() {
    running = false;
    stopping.countDown();
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      List<TopicPartition> partitions = awaitTopic();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      for (ConsumerRecord<String, byte[]> record : readToEnd(partitions).values()) {
        apply(record);
      }
      holder.replace(new RuleSet(inForce.values()));
      holder.markLoaded();
      LOG.info("Read {} to its end: {} rule(s) in force {}", Topics.RULES.name(), inForce.size(), inForce.keySet());
      while (running) {
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          changed |= apply(record);
        }
        if (changed) {
          holder.replace(new RuleSet(inForce.values()));
        }
      }
    } catch (WakeupException | InterruptedException e) {
      if (running) {
        LOG.error("Stopped following {}: rules no longer change", Topics.RULES.name(), e);
      }
    } catch (RuntimeException e) {
      LOG.error("Stopped following {}: rules no longer change", Topics.RULES.name(), e);
      throw e;
    } finally {
      holder.markLoaded();
      consumer.close();
    }
  }

  /** The topic's partitions; while it does not exist, the scorer scores without rules and this looks again. */
  private List<TopicPartition> awaitTopic() throws InterruptedException {
    boolean warned = false;
    while (running) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.RULES.name()).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      if (!warned) {
        LOG.error("Topic {} does not exist: scoring without rules until it does (create it with argus topics)",
            Topics.RULES.name());
        holder.markLoaded();
        warned = true;
      }
      stopping.await(TOPIC_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    return List.of();
  }

  /** The latest record of each key up to the current end of the topic, as compaction would leave them. */
  private Map<String, ConsumerRecord<String, byte[]>> readToEnd(List<TopicPartition> partitions) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    Map<String, ConsumerRecord<String, byte[]>> latest = new LinkedHashMap<>();
    while (running && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        String key = record.key() == null ? "" : record.key();
        latest.remove(key);
        latest.put(key, record);
      }
    }
    return latest;
  }

  /** Applies one record to the rules in force; true when they changed. */
  private boolean apply(ConsumerRecord<String, byte[]> record) {
    String key = record.key();
    if (record.value() == null) {
      if (key != null && inForce.remove(key) != null) {
        LOG.info("Rule {} retired", key);
        return true;
      }
      return false;
    }
    RiskRule rule;
    try {
      rule = codec.decode(record.value());
    } catch (AvroDecodingException e) {
      deadLetters.accept(RejectedRecords.of(record, RejectReason.UNDECODABLE, e.getMessage(), clock));
      return refuse(key, null, "the record at " + record.topic() + "-" + record.partition() + " offset "
          + record.offset() + " cannot be decoded (sent to the dead letters): " + e.getMessage());
    }
    if (key == null || !key.equals(rule.getId())) {
      return refuse(key == null ? rule.getId() : key, rule, "the record's key '" + key + "' is not its rule id '"
          + rule.getId() + "'");
    }
    try {
      CompiledRule compiled = compiler.compile(rule);
      inForce.put(key, compiled);
      LOG.info("Rule {} v{} in force ({}: {}), published by {}", key, rule.getVersion(), rule.getAction(),
          rule.getExpression(), rule.getAuthor());
      return true;
    } catch (RuleRejectedException e) {
      return refuse(key, rule, e.getMessage());
    }
  }

  private boolean refuse(String key, RiskRule rule, String reason) {
    metrics.refused();
    String version = rule == null ? "?" : Integer.toString(rule.getVersion());
    String author = rule == null ? "unknown" : rule.getAuthor();
    LOG.error("Refused rule {} v{} by {}: {}", key, version, author, reason);
    Map<String, String> references = new LinkedHashMap<>();
    references.put("ruleId", key == null ? "" : key);
    references.put("ruleVersion", version);
    references.put("author", author);
    alerts.accept(Alert.newBuilder()
        .setAlertId("rule-refused-" + key + "-v" + version + "-" + clock.millis())
        .setKind(AlertKind.MODEL)
        .setSeverity(Severity.CRITICAL)
        .setMessage("Refused rule " + key + " v" + version + " by " + author + ": " + reason
            + "; it is not in force (the other rules are)")
        .setCreatedAt(clock.instant())
        .setReferences(references)
        .build());
    return key != null && inForce.remove(key) != null;
  }
}
