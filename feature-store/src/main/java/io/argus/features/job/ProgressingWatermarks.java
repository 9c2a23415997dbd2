package io.argus.features.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that keep moving when events stop: while no event arrives, event time is
 * taken to advance with the wall clock, so the last events of a quiet stream are released a bound after they
 * arrived instead of waiting for the next event. A replay, whose event time runs far ahead of the wall clock, is
 * unaffected.
 */
final class ProgressingWatermarks<T> implements WatermarkGenerator<T> {

  private final long boundMillis;
  private long maxTimestamp = Long.MIN_VALUE;
  private long lastEventNanos;

  ProgressingWatermarks(Duration outOfOrderness) {
    this.boundMillis = outOfOrderness.toMillis();
  }

  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > maxTimestamp) {
      maxTimestamp = eventTimestamp;
    }
    lastEventNanos = System.nanoTime();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (maxTimestamp == Long.MIN_VALUE) {
      return;
    }
    long quietMillis = (System.nanoTime() - lastEventNanos) / 1_000_000L;
    output.emitWatermark(new Watermark(maxTimestamp - boundMillis - 1 + quietMillis));
  }
}
