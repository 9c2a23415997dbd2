package io.argus.trainer;

import io.argus.avro.Alert;
import io.argus.avro.ModelRelease;
import io.argus.schemas.Topics;
import io.argus.trainer.registry.ReleaseSink;
import java.util.ArrayList;
import java.util.List;

/** A release sink that keeps what it was given, in order, after checking each record encodes for its topic. */
public final class RecordingReleaseSink implements ReleaseSink {

  public final List<ModelRelease> releases = new ArrayList<>();
  public final List<Alert> alerts = new ArrayList<>();

  @Override
  public void release(ModelRelease release) {
    Topics.MODEL_RELEASES.valueSerde().serializer().serialize(Topics.MODEL_RELEASES.name(), release);
    releases.add(release);
  }

  @Override
  public void alert(Alert alert) {
    Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
    alerts.add(alert);
  }
}
