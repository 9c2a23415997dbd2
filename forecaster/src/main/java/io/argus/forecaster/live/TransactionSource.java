package io.argus.forecaster.live;

import io.argus.avro.Transaction;
import java.util.List;

/** Where the live forecaster's transactions come from: the {@code transactions} topic, or a test's list. */
public interface TransactionSource extends AutoCloseable {

  /** The partitions transactions come from; each has its own event-time progress. */
  List<Integer> partitions();

  /** The next transactions, waiting briefly when there are none; an empty list is fine. */
  List<Received> poll();

  /** Whether the history the source replays at start has been delivered: from then on, transactions are live. */
  boolean caughtUp();

  /** Makes a {@link #poll} in progress return early; callable from any thread. */
  void wakeup();

  @Override
  void close();

  /** A transaction and the partition it came from. */
  record Received(int partition, Transaction transaction) {
  }
}
