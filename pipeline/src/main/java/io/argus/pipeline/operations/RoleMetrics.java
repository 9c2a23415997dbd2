package io.argus.pipeline.operations;

import io.argus.kafka.KafkaClientListener;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One role's meters, in the Prometheus text format: the JVM's (memory, garbage collection, threads, classes, CPU,
 * uptime), the role's Kafka clients' own metrics (lag, request rates, errors: {@link #kafkaClients()} is told about
 * every typed client the role builds, {@link #bindStreams} binds a Kafka Streams application), and whatever the
 * role's own binder adds to {@link #registry()}.
 */
public final class RoleMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> binders = new ArrayList<>();

  private RoleMetrics() {
  }

  /** A registry with the JVM's meters. */
  public static RoleMetrics create() {
    RoleMetrics metrics = new RoleMetrics();
    new JvmMemoryMetrics().bindTo(metrics.registry);
    JvmGcMetrics garbageCollection = new JvmGcMetrics();
    garbageCollection.bindTo(metrics.registry);
    metrics.binders.add(garbageCollection);
    new JvmThreadMetrics().bindTo(metrics.registry);
    new ClassLoaderMetrics().bindTo(metrics.registry);
    new ProcessorMetrics().bindTo(metrics.registry);
    new UptimeMetrics().bindTo(metrics.registry);
    return metrics;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The page of {@code GET /metrics}. */
  public String scrape() {
    return registry.scrape();
  }

  /** Binds the metrics of every producer and consumer it is told about (pass it to {@code KafkaSettings}). */
  public KafkaClientListener kafkaClients() {
    return new KafkaClientListener() {
      @Override
      public void producerCreated(Producer<?, ?> producer) {
        bind(new KafkaClientMetrics(producer));
      }

      @Override
      public void consumerCreated(Consumer<?, ?> consumer) {
        bind(new KafkaClientMetrics(consumer));
      }
    };
  }

  /** Binds the metrics of a Kafka Streams application and of its clients. */
  public void bindStreams(KafkaStreams streams) {
    bind(new KafkaStreamsMetrics(streams));
  }

  private synchronized void bind(KafkaClientMetrics metrics) {
    metrics.bindTo(registry);
    binders.add(metrics);
  }

  private synchronized void bind(KafkaStreamsMetrics metrics) {
    metrics.bindTo(registry);
    binders.add(metrics);
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // a binder that cannot stop its refresh leaves nothing behind that matters at shutdown
      }
    }
    registry.close();
  }
}
