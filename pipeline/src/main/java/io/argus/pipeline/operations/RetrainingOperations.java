package io.argus.pipeline.operations;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ModelRelease;
import io.argus.avro.ReleaseStatus;
import io.argus.common.Health;
import io.argus.features.offline.DatasetSplit.Window;
import io.argus.trainer.registry.ReleaseSink;
import io.argus.trainer.retraining.RetrainingScheduler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retraining loop's ({@code argus train --retrain-every}) health and meters, counted by watching what it does:
 * the release sink it publishes through and the retrainer the scheduler calls. Health: {@code TRAINING} during the
 * first training, {@code UP} once the scheduler runs, with the latest champion. Meters:
 * {@code argus_trainer_retrainings_total{outcome=completed|failed}}, {@code argus_trainer_retraining_seconds} (a
 * timer), {@code argus_trainer_last_retraining_timestamp_seconds}, {@code argus_trainer_releases_total{status}}
 * (champions promoted, challengers rejected) and {@code argus_trainer_alerts_total{kind}} (drift, model decisions),
 * beside its producers' Kafka metrics.
 */
public final class RetrainingOperations {

  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Map<ReleaseStatus, AtomicLong> releases = new EnumMap<>(ReleaseStatus.class);
  private final Map<AlertKind, AtomicLong> alerts = new EnumMap<>(AlertKind.class);
  private final Timer duration;
  private volatile Instant lastRetraining;
  private volatile ModelRelease champion;
  private volatile boolean scheduled;

  /** Registers the meters on {@code metrics}. */
  public RetrainingOperations(RoleMetrics metrics) {
    MeterRegistry registry = metrics.registry();
    FunctionCounter.builder("argus.trainer.retrainings", completed, AtomicLong::get)
        .description("Retrainings, by outcome").tag("outcome", "completed").register(registry);
    FunctionCounter.builder("argus.trainer.retrainings", failed, AtomicLong::get)
        .description("Retrainings, by outcome").tag("outcome", "failed").register(registry);
    duration = Timer.builder("argus.trainer.retraining").description("How long a retraining took")
        .register(registry);
    Gauge.builder("argus.trainer.last.retraining.timestamp", this, watched -> watched.lastRetraining == null
            ? Double.NaN : watched.lastRetraining.getEpochSecond())
        .description("When the latest retraining ended (epoch seconds)").baseUnit("seconds").register(registry);
    for (ReleaseStatus status : ReleaseStatus.values()) {
      AtomicLong count = new AtomicLong();
      releases.put(status, count);
      FunctionCounter.builder("argus.trainer.releases", count, AtomicLong::get)
          .description("Releases published, by status").tag("status", status.name()).register(registry);
    }
    for (AlertKind kind : AlertKind.values()) {
      AtomicLong count = new AtomicLong();
      alerts.put(kind, count);
      FunctionCounter.builder("argus.trainer.alerts", count, AtomicLong::get)
          .description("Alerts raised, by kind").tag("kind", kind.name()).register(registry);
    }
  }

  /** {@code sink}, counting what goes through it. */
  public ReleaseSink watch(ReleaseSink sink) {
    return new ReleaseSink() {
      @Override
      public void release(ModelRelease release) {
        sink.release(release);
        releases.get(release.getStatus()).incrementAndGet();
        if (release.getStatus() == ReleaseStatus.CHAMPION) {
          champion = release;
        }
      }

      @Override
      public void alert(Alert alert) {
        sink.alert(alert);
        alerts.get(alert.getKind()).incrementAndGet();
      }

      @Override
      public void close() {
        sink.close();
      }
    };
  }

  /** {@code retrainer}, timing and counting each retraining. */
  public RetrainingScheduler.Retrainer watch(RetrainingScheduler.Retrainer retrainer) {
    return new RetrainingScheduler.Retrainer() {
      @Override
      public String modelName() {
        return retrainer.modelName();
      }

      @Override
      public Window newestLabelled(Instant now) {
        return retrainer.newestLabelled(now);
      }

      @Override
      public Optional<String> notReady(Instant now) {
        return retrainer.notReady(now);
      }

      @Override
      public RetrainingScheduler.Retraining retrain(Instant now, String reason) {
        Timer.Sample sample = Timer.start();
        try {
          RetrainingScheduler.Retraining retraining = retrainer.retrain(now, reason);
          completed.incrementAndGet();
          return retraining;
        } catch (RuntimeException e) {
          failed.incrementAndGet();
          throw e;
        } finally {
          sample.stop(duration);
          lastRetraining = Instant.now();
        }
      }
    };
  }

  /** The first training is done and the scheduler runs: the role is ready. */
  public void scheduled() {
    scheduled = true;
  }

  public Health health() {
    if (!scheduled) {
      return Health.notUp("TRAINING", "the first training runs; retraining is scheduled after it");
    }
    ModelRelease latest = champion;
    return Health.up(latest == null ? Map.of() : Map.of("champion", latest.getName() + " " + latest.getVersion()));
  }
}
