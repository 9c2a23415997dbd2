package io.argus.ingestion.streams;

import static io.argus.ingestion.validation.Fixtures.T0;
import static io.argus.ingestion.validation.Fixtures.bytes;
import static io.argus.ingestion.validation.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.CheckedRecord;
import io.argus.avro.RejectReason;
import io.argus.ingestion.validation.Fixtures;
import io.argus.ingestion.validation.ValidationCounters;
import io.argus.ingestion.validation.ValidationResult;
import io.argus.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second stage read again after its own crash: its stores (restored from changelogs written before the input
 * offsets were committed) are ahead of what it reads, so it must pass again, not drop, what it had passed — a copy is
 * safe, a loss is not — and still drop the first stage's copies and call real duplicates duplicates.
 */
class SecondStageRestartTest {

  private static final Duration WINDOW = Duration.ofHours(24);

  @TempDir
  Path stateDir;

  private final ValidationCounters counters = new ValidationCounters();
  private ValidatorDrivers firstStage;
  private MockProcessorContext<String, CheckedRecord> replayContext;
  private MockProcessorContext<String, ValidationResult> checksContext;
  private ReplayFilter replays;
  private FinalChecks checks;

  @BeforeEach
  void open() {
    firstStage = new ValidatorDrivers(Fixtures.validator(), WINDOW, counters, stateDir, T0);
    replayContext = new MockProcessorContext<>();
    KeyValueStore<String, long[]> highest = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(ValidatorTopology.RAW_OFFSETS_STORE), Serdes.String(), ReplayFilter.HIGHEST)
        .withLoggingDisabled().build();
    highest.init(replayContext.getStateStoreContext(), highest);
    replays = new ReplayFilter(counters);
    replays.init(replayContext);
    checksContext = new MockProcessorContext<>();
    WindowStore<String, String> ids = Stores.windowStoreBuilder(
        Stores.inMemoryWindowStore(ValidatorTopology.TRANSACTION_IDS_STORE, WINDOW, WINDOW, false),
        Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    ids.init(checksContext.getStateStoreContext(), ids);
    checks = new FinalChecks(Fixtures.validator(), WINDOW);
    checks.init(checksContext);
  }

  @AfterEach
  void close() {
    firstStage.close();
  }

  /** What the first stage wrote for one raw record. */
  private CheckedRecord checked(String transactionId) {
    return firstStage.pipe("k", bytes(tx(transactionId, "10"))).get(0).value();
  }

  /** The second stage reading {@code record} at {@code offset} of transactions-checked: what it published. */
  private List<String> read(CheckedRecord record, long offset) {
    replayContext.resetForwards();
    checksContext.resetForwards();
    replayContext.setRecordMetadata(Topics.TRANSACTIONS_CHECKED.name(), 0, offset);
    replays.process(new Record<>("k", record, T0.toEpochMilli()));
    for (var passed : replayContext.forwarded()) {
      checks.process(new Record<>(passed.record().key(), passed.record().value(), passed.record().timestamp()));
    }
    return checksContext.forwarded().stream().map(forward -> forward.record().value())
        .map(result -> result.isAccepted() ? "accepted " + result.transaction().getTransactionId()
            : result.rejection().getReason().toString())
        .toList();
  }

  /** t-1 read at offset 10 and t-2 at 11, each accepted: the stores hold both. */
  private List<CheckedRecord> readTwo() {
    List<CheckedRecord> records = List.of(checked("t-1"), checked("t-2"));
    assertThat(read(records.get(0), 10)).containsExactly("accepted t-1");
    assertThat(read(records.get(1), 11)).containsExactly("accepted t-2");
    return records;
  }

  @Test
  void shouldPassAgainWhatItReadsAgainAtTheSameOffsets() {
    CheckedRecord first = checked("t-1");
    CheckedRecord second = checked("t-2");
    assertThat(read(first, 10)).containsExactly("accepted t-1");
    assertThat(read(second, 11)).containsExactly("accepted t-2");

    // crashed before committing offset 12: read again from 10 with both stores holding both records
    assertThat(read(first, 10)).as("a copy, not a duplicate").containsExactly("accepted t-1");
    assertThat(read(second, 11)).containsExactly("accepted t-2");
    assertThat(counters.replays()).isZero();
  }

  @Test
  void shouldStillDropTheFirstStagesCopiesAfterItsOwnRestart() {
    List<CheckedRecord> read = readTwo();
    CheckedRecord first = read.get(0);
    CheckedRecord second = read.get(1);

    assertThat(read(first, 10)).containsExactly("accepted t-1");
    assertThat(read(first, 12)).as("the first stage's copy, after the highest offset's record").isEmpty();
    assertThat(read(second, 13)).isEmpty();
    assertThat(counters.replays()).isEqualTo(2);
  }

  @Test
  void shouldPassAgainAFirstStageCopyReadAgainBelowTheStoredOffsetButNeverCallItADuplicate() {
    List<CheckedRecord> read = readTwo();
    CheckedRecord first = read.get(0);
    CheckedRecord second = read.get(1);
    assertThat(read(first, 12)).isEmpty();

    // its store holds raw offset 1 read at checked 11; reading 10..12 again passes 10 and 11, drops 12
    assertThat(read(first, 10)).containsExactly("accepted t-1");
    assertThat(read(second, 11)).containsExactly("accepted t-2");
    assertThat(read(first, 12)).isEmpty();
  }

  @Test
  void shouldCallAnotherRawRecordWithTheSameIdADuplicate() {
    CheckedRecord first = checked("t-1");
    CheckedRecord again = checked("t-1");           // sent twice to transactions-raw: two raw records
    assertThat(first.getSourceOffset()).isNotEqualTo(again.getSourceOffset());

    assertThat(read(first, 10)).containsExactly("accepted t-1");
    assertThat(read(again, 11)).containsExactly(RejectReason.DUPLICATE.toString());
    assertThat(read(first, 10)).as("read again after a crash").containsExactly("accepted t-1");
    assertThat(read(again, 11)).containsExactly(RejectReason.DUPLICATE.toString());
  }
}
