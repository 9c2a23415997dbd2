package io.argus.pipeline.operations;

import com.sun.net.httpserver.HttpServer;
import io.argus.common.Health;
import io.argus.common.ServiceEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A role's operations port: {@code GET /health} and {@code GET /metrics} ({@link ServiceEndpoints}, the pair the
 * scorer also mounts on its scoring port) on an address and port of its own, answered by one daemon thread. Bound to
 * {@code 127.0.0.1} unless told otherwise: the metrics name topics and clients, not for every network.
 */
public final class OperationsServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final URI url;

  private OperationsServer(HttpServer server, ExecutorService executor, URI url) {
    this.server = server;
    this.executor = executor;
    this.url = url;
  }

  /**
   * Listens on {@code bind}:{@code port} (0: a free port).
   *
   * @throws UncheckedIOException when the address cannot be bound (its cause a {@link java.net.BindException} when
   *     the port is taken)
   */
  public static OperationsServer start(String bind, int port, Supplier<Health> health, Supplier<String> metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")", e);
    }
    ServiceEndpoints.mount(server, health, metrics);
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "argus-operations-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.start();
    InetAddress address = server.getAddress().getAddress();
    String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    return new OperationsServer(server, executor, URI.create("http://" + host + ":" + server.getAddress().getPort()));
  }

  /** {@code http://HOST:PORT}, the port as bound. */
  public URI url() {
    return url;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
