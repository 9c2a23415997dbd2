package io.argus.scorer.alert;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers that explain alerted transactions off the stream threads: a few threads behind a bounded queue, each
 * explaining with its own copy of the network. {@link #trySubmit} never blocks; when the queue is full it says so and
 * the stream thread explains the alert itself, so a burst slows scoring down instead of growing a queue without
 * bound. One pool per scorer instance, shared by its stream tasks.
 */
public final class ExplanationPool implements AutoCloseable {

  /** Explanation workers by default: one, beside one stream thread, on a small machine. */
  public static final int DEFAULT_THREADS = 1;
  /** Alerts that may wait for a worker before the stream thread explains them itself. */
  public static final int DEFAULT_QUEUE_CAPACITY = 256;

  private final Executor executor;
  private final Runnable shutdown;

  private ExplanationPool(Executor executor, Runnable shutdown) {
    this.executor = executor;
    this.shutdown = shutdown;
  }

  /** {@code threads} daemon workers behind a queue of {@code queueCapacity} jobs. */
  public static ExplanationPool start(int threads, int queueCapacity) {
    if (threads < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("explanation workers need at least one thread and a queue of at least one, "
          + "got " + threads + " and " + queueCapacity);
    }
    AtomicInteger number = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queueCapacity), job -> {
          Thread thread = new Thread(job, "scorer-explainer-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    executor.prestartAllCoreThreads();
    return new ExplanationPool(executor, executor::shutdownNow);
  }

  /**
   * A pool that hands jobs to {@code executor} (tests: one that runs them at once, or one that holds them back); an
   * executor that throws {@link RejectedExecutionException} stands for a full queue.
   */
  public static ExplanationPool on(Executor executor) {
    return new ExplanationPool(executor, () -> { });
  }

  /** Queues {@code job}; {@code false} when the queue is full or the pool is closed (the caller then runs it). */
  public boolean trySubmit(Runnable job) {
    try {
      executor.execute(job);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Stops the workers; jobs still queued are dropped (their alerts stay pending in the stores and are redone). */
  @Override
  public void close() {
    shutdown.run();
  }
}
