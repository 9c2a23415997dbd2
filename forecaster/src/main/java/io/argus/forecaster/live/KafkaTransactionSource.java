package io.argus.forecaster.live;

import io.argus.avro.RejectReason;
import io.argus.avro.RejectedRecord;
import io.argus.avro.Transaction;
import io.argus.kafka.FirstCopies;
import io.argus.kafka.KafkaClients;
import io.argus.kafka.KafkaSettings;
import io.argus.schemas.AvroDecodingException;
import io.argus.schemas.RejectedRecords;
import io.argus.schemas.Topic;
import io.argus.schemas.Topics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code transactions} (the forecaster needs the whole volume, so it is one instance and
 * uses no consumer group), starting at the records written within the replay window before now: the restarted
 * forecaster rebuilds its history from the topic and keeps no state of its own. A record that does not decode as a
 * {@link Transaction} goes to {@code transactions-dlq} as an {@code UNDECODABLE} {@link RejectedRecord} with its
 * bytes. The validator writes {@code transactions} at least once: a copy of a transaction id read lately is not
 * counted again ({@link FirstCopies}).
 */
final class KafkaTransactionSource implements TransactionSource {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaTransactionSource.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /**
   * How many recent transaction ids are remembered to drop copies: a copy follows its first within a second of
   * traffic (the validator's commit interval), so 40 s at 5,000/s is ample.
   */
  private static final int RECENT_IDS = 200_000;
  private static final Topic<String, byte[]> TRANSACTION_BYTES = new Topic<>(Topics.TRANSACTIONS.name(),
      Serdes.String(), Serdes.ByteArray(), Topics.TRANSACTIONS.partitions(), Topics.TRANSACTIONS.cleanupPolicy(),
      Topics.TRANSACTIONS.retention());

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, RejectedRecord> deadLetters;
  private final InstantSource clock;
  private final Map<TopicPartition, Long> replayEnd = new HashMap<>();
  private final List<Integer> partitions;
  private final FirstCopies firstCopies = new FirstCopies(RECENT_IDS);
  private long rejected;

  KafkaTransactionSource(KafkaSettings kafka, Duration replay, InstantSource clock) {
    String bootstrap = kafka.bootstrap();
    this.clock = clock;
    this.consumer = KafkaClients.consumer(kafka, null, TRANSACTION_BYTES);
    this.deadLetters = KafkaClients.producer(kafka, Topics.TRANSACTIONS_DLQ);
    List<TopicPartition> assigned = consumer.partitionsFor(TRANSACTION_BYTES.name()).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    if (assigned.isEmpty()) {
      consumer.close();
      deadLetters.close();
      throw new IllegalStateException("topic " + TRANSACTION_BYTES.name() + " does not exist on " + bootstrap
          + "; create the catalogue's topics first (argus topics)");
    }
    this.partitions = assigned.stream().map(TopicPartition::partition).toList();
    consumer.assign(assigned);
    Map<TopicPartition, Long> since = new HashMap<>();
    assigned.forEach(partition -> since.put(partition, clock.instant().minus(replay).toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(since);
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndTimestamp start = starts.get(partition);
      consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
      if (start != null) {
        replayEnd.put(partition, ends.get(partition));
      }
    }
    LOG.info("reading {} partitions of {}, replaying the records of the last {} ({} partitions to replay)",
        partitions.size(), TRANSACTION_BYTES.name(), replay, replayEnd.size());
  }

  @Override
  public List<Integer> partitions() {
    return partitions;
  }

  @Override
  public List<Received> poll() {
    List<Received> transactions = new ArrayList<>();
    try {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
        try {
          Transaction transaction = Topics.TRANSACTIONS.valueSerde().deserializer().deserialize(record.topic(),
              record.value());
          if (firstCopies.first(transaction.getTransactionId())) {
            transactions.add(new Received(record.partition(), transaction));
          }
        } catch (AvroDecodingException e) {
          deadLetter(record, e);
        }
      }
    } catch (WakeupException e) {
      // stopping: return what was read
    }
    replayEnd.keySet().removeIf(partition -> consumer.position(partition) >= replayEnd.get(partition));
    return transactions;
  }

  @Override
  public boolean caughtUp() {
    return replayEnd.isEmpty();
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    if (rejected > 0) {
      LOG.warn("{} undecodable records went to {}", rejected, Topics.TRANSACTIONS_DLQ.name());
    }
    consumer.close();
    deadLetters.close();
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, AvroDecodingException error) {
    rejected++;
    RejectedRecord rejectedRecord = RejectedRecords.of(record, RejectReason.UNDECODABLE, error.getMessage(), clock);
    deadLetters.send(new ProducerRecord<>(Topics.TRANSACTIONS_DLQ.name(), record.topic(), rejectedRecord));
  }
}
