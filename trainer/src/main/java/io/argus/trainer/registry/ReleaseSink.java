package io.argus.trainer.registry;

import io.argus.avro.Alert;
import io.argus.avro.ModelRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where release decisions go: {@code model-releases} and {@code alerts} in production, a list in tests. */
public interface ReleaseSink extends AutoCloseable {

  void release(ModelRelease release);

  void alert(Alert alert);

  @Override
  default void close() {
  }

  /** A sink that only logs, for runs without Kafka; the registry still records every version and the champion. */
  static ReleaseSink loggingOnly() {
    Logger log = LoggerFactory.getLogger(ReleaseSink.class);
    return new ReleaseSink() {
      @Override
      public void release(ModelRelease release) {
        log.info("not published (no Kafka): release {} {} as {}", release.getName(), release.getVersion(),
            release.getStatus());
      }

      @Override
      public void alert(Alert alert) {
        log.info("not published (no Kafka): {} alert: {}", alert.getKind(), alert.getMessage());
      }
    };
  }
}
