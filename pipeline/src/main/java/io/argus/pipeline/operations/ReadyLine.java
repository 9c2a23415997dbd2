package io.argus.pipeline.operations;

import io.argus.common.Health;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one line a long-running role prints to standard output once its health is first {@code UP}:
 * {@code argus <role> ready ops=http://HOST:PORT}, where {@code <role>} is the command ({@code validate},
 * {@code features}, {@code score}, {@code forecast}, {@code train}, {@code dashboard}) and the URL its operations
 * port. Scripts (the cluster drill) wait for this line; it is printed exactly once, even if the role later becomes
 * unhealthy and healthy again. A daemon thread asks the health every {@value #POLL_MILLIS} ms until then.
 */
public final class ReadyLine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReadyLine.class);
  private static final long POLL_MILLIS = 200;

  private final Thread watcher;
  private volatile boolean printed;

  private ReadyLine(String role, URI url, Supplier<Health> health, PrintWriter out) {
    watcher = new Thread(() -> printWhenUp(role, url, health, out), "argus-ready-line");
    watcher.setDaemon(true);
  }

  /** The line itself. */
  public static String text(String role, URI url) {
    return "argus " + role + " ready ops=" + url;
  }

  /** Starts watching {@code health}; prints {@link #text} to {@code out} (and flushes it) the first time it is up. */
  public static ReadyLine watch(String role, URI url, Supplier<Health> health, PrintWriter out) {
    ReadyLine line = new ReadyLine(role, url, health, out);
    line.watcher.start();
    return line;
  }

  /** Whether the line has been printed. */
  public boolean printed() {
    return printed;
  }

  /** Waits up to {@code timeout} for the line; whether it was printed. */
  public boolean await(Duration timeout) throws InterruptedException {
    watcher.join(timeout.toMillis());
    return printed;
  }

  @Override
  public void close() {
    watcher.interrupt();
  }

  private void printWhenUp(String role, URI url, Supplier<Health> health, PrintWriter out) {
    try {
      while (!isUp(health)) {
        Thread.sleep(POLL_MILLIS);
      }
      out.println(text(role, url));
      out.flush();
      printed = true;
      LOG.info("argus {} ready: /health and /metrics on {}", role, url);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean isUp(Supplier<Health> health) {
    try {
      return health.get().isUp();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
