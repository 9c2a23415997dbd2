package io.argus.trainer.registry;

import io.argus.avro.Alert;
import io.argus.avro.ModelRelease;

/** Where release decisions go: {@code model-releases} and {@code alerts} in production, a list in tests. */
public interface ReleaseSink extends AutoCloseable {

  void release(ModelRelease release);

  void alert(Alert alert);

  @Override
  default void close() {
  }
}
