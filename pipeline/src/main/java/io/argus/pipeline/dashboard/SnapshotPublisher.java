package io.argus.pipeline.dashboard;

import io.argus.model.features.NamedFeatures;
import java.time.Duration;
import java.util.Map;

/**
 * Hands the latest snapshot, already written as JSON, from the topic feed's thread to the HTTP threads: a request
 * reads the latest one, and a live event stream waits for the next one.
 */
final class SnapshotPublisher {

  /** One published snapshot: a version that grows by one per publication, its JSON, and the alerts' features. */
  record Published(long version, byte[] json, Map<String, NamedFeatures> alertFeatures) {
  }

  private Published latest;
  private boolean closed;

  SnapshotPublisher(Snapshot initial) {
    latest = new Published(0, Json.write(initial), Map.of());
  }

  synchronized void publish(Snapshot snapshot, Map<String, NamedFeatures> alertFeatures) {
    latest = new Published(latest.version() + 1, Json.write(snapshot), Map.copyOf(alertFeatures));
    notifyAll();
  }

  synchronized Published latest() {
    return latest;
  }

  /**
   * Waits until a snapshot newer than {@code version} is published or {@code timeout} passes, and returns the latest
   * (the same version on a timeout); {@code null} once closed.
   */
  synchronized Published awaitNewer(long version, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed && latest.version() <= version) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      wait(Math.max(1, remaining / 1_000_000));
    }
    return closed ? null : latest;
  }

  /** Releases every waiting stream. */
  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
