package io.argus.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transaction an instance of an exactly-once Kafka Streams application left open when it died, as soon as
 * its consumer group has let it go, instead of when the transaction times out.
 *
 * <p>Until that transaction ends, {@code read_committed} readers of every partition it wrote to read nothing past
 * it, and the instance that takes over its tasks waits for its offsets: the broker aborts it only after
 * {@code transaction.timeout.ms} (Kafka Streams' 10 s) plus its abort check. A dead instance leaves its group after
 * its {@code session.timeout.ms}, which can be shorter. So every live instance looks, every {@link #CHECK_INTERVAL},
 * for transactions of its application open for at least {@link #MIN_AGE} whose instance is no longer a member of the
 * group, and ends each by starting a producer with its transactional id ({@code initTransactions}: the coordinator
 * aborts the open transaction and fences its old producer), exactly what the dead instance would do if it
 * restarted. A zombie, an instance alive but out of the group, is fenced the same way and rejoins: it cannot commit
 * work its successor now owns.
 *
 * <p>It relies on how Kafka Streams ({@code exactly_once_v2}) names its clients: the transactional id of stream
 * thread {@code n} is {@code <application.id>-<process id>-n}, and its consumer's client id
 * {@code <application.id>-<process id>-StreamThread-n-consumer}. A group member whose client id names no process (a
 * {@code client.id} set by the user) makes liveness unknowable: then nothing is aborted, and a warning says so once.
 * The role needs to describe its group and its transactional ids, which the Streams application's own ACLs (read on
 * the group, write on the ids) already grant; without them, or on brokers older than 3.8, it warns once and stops,
 * leaving open transactions to their timeout.
 */
public final class OrphanTransactions implements AutoCloseable {

  /** How often the group and the open transactions are compared. */
  public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  /**
   * A transaction open for less than this is never aborted: a live instance commits every 100 ms, and one that has
   * just joined may not appear in the group's description yet.
   */
  public static final Duration MIN_AGE = Duration.ofSeconds(1);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final String PROCESS_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final Logger LOG = LoggerFactory.getLogger(OrphanTransactions.class);

  private final KafkaSettings kafka;
  private final String applicationId;
  private final Duration minAge;
  private final Pattern transactionalId;
  private final Pattern memberClientId;
  private final Admin admin;
  private final ScheduledExecutorService timer;
  private volatile long aborted;
  private boolean warnedUnknowable;

  private OrphanTransactions(KafkaSettings kafka, String applicationId, Duration minAge, boolean scheduled) {
    this.kafka = kafka;
    this.applicationId = applicationId;
    this.minAge = minAge;
    String prefix = Pattern.quote(applicationId + "-");
    transactionalId = Pattern.compile(prefix + "(" + PROCESS_ID + ")-\\d+");
    memberClientId = Pattern.compile(prefix + "(" + PROCESS_ID + ")-StreamThread-\\d+-consumer");
    Properties adminConfig = kafka.clientProperties();
    adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-orphan-transactions");
    admin = Admin.create(adminConfig);
    timer = scheduled ? Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, applicationId + "-orphan-transactions");
      thread.setDaemon(true);
      return thread;
    }) : null;
  }

  /** Starts watching the open transactions of Kafka Streams application {@code applicationId} on {@code kafka}. */
  public static OrphanTransactions watch(KafkaSettings kafka, String applicationId) {
    OrphanTransactions watcher = new OrphanTransactions(kafka, applicationId, MIN_AGE, true);
    watcher.timer.scheduleWithFixedDelay(watcher::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return watcher;
  }

  /** A watcher that checks only when {@link #abortOrphans()} is called, for transactions open {@code minAge}. */
  public static OrphanTransactions onDemand(KafkaSettings kafka, String applicationId, Duration minAge) {
    return new OrphanTransactions(kafka, applicationId, minAge, false);
  }

  /** How many transactions it has aborted. */
  public long aborted() {
    return aborted;
  }

  private void check() {
    try {
      abortOrphans();
    } catch (AuthorizationException | UnsupportedVersionException e) {
      LOG.warn("Cannot watch {}'s open transactions ({}); a dead instance's transaction ends only when it times out",
          applicationId, e.getMessage());
      timer.shutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("Checking {}'s open transactions failed; trying again in {}", applicationId, CHECK_INTERVAL, e);
    }
  }

  /**
   * Compares once the application's transactions open at least the minimum age with its group's members, and aborts
   * those whose instance is not a member.
   *
   * @return the transactional ids it aborted
   */
  public List<String> abortOrphans() throws InterruptedException {
    Map<String, String> open = openTransactions();
    if (open.isEmpty()) {
      return List.of();
    }
    Optional<Set<String>> live = liveProcesses();
    if (live.isEmpty()) {
      return List.of();
    }
    List<String> orphans = new ArrayList<>();
    open.forEach((id, process) -> {
      if (!live.get().contains(process)) {
        orphans.add(id);
      }
    });
    for (String orphan : orphans) {
      abort(orphan);
    }
    return orphans;
  }

  /** The application's transactions open at least the minimum age: transactional id to process id. */
  private Map<String, String> openTransactions() throws InterruptedException {
    ListTransactionsOptions options = new ListTransactionsOptions()
        .filterStates(List.of(TransactionState.ONGOING))
        .timeoutMs((int) REQUEST_TIMEOUT.toMillis());
    if (!minAge.isZero()) {
      options.filterOnDuration(minAge.toMillis());
    }
    Collection<TransactionListing> listings = get(admin.listTransactions(options).all());
    return listings.stream()
        .map(listing -> transactionalId.matcher(listing.transactionalId()))
        .filter(Matcher::matches)
        .collect(Collectors.toMap(Matcher::group, matcher -> matcher.group(1), (a, b) -> a));
  }

  /** The process ids of the group's members, or empty when one member's client id names none. */
  private Optional<Set<String>> liveProcesses() throws InterruptedException {
    ConsumerGroupDescription group;
    try {
      group = get(admin.describeConsumerGroups(List.of(applicationId),
          new DescribeConsumerGroupsOptions().timeoutMs((int) REQUEST_TIMEOUT.toMillis())).describedGroups()
          .get(applicationId));
    } catch (GroupIdNotFoundException e) {
      return Optional.of(Set.of());
    }
    Set<String> processes = new HashSet<>();
    for (MemberDescription member : group.members()) {
      Matcher matcher = memberClientId.matcher(member.clientId());
      if (!matcher.matches()) {
        if (!warnedUnknowable) {
          warnedUnknowable = true;
          LOG.warn("Group {} has member client id {}, which names no Kafka Streams process: open transactions are "
              + "left to their timeout (do not set client.id)", applicationId, member.clientId());
        }
        return Optional.empty();
      }
      processes.add(matcher.group(1));
    }
    return Optional.of(processes);
  }

  private void abort(String orphan) {
    Properties config = kafka.clientProperties();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, orphan);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationId + "-orphan-transactions-producer");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) (3 * REQUEST_TIMEOUT.toMillis()));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
    }
    aborted++;
    LOG.info("Aborted transaction {}: its instance has left group {} (open for at least {} ms)", orphan,
        applicationId, minAge.toMillis());
  }

  private static <T> T get(KafkaFuture<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops watching. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        timer.awaitTermination(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    admin.close(REQUEST_TIMEOUT);
  }
}
