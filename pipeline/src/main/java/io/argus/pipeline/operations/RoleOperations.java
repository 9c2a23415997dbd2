package io.argus.pipeline.operations;

import io.argus.common.Health;
import java.io.PrintWriter;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A running role's operations surface: its {@link OperationsServer} and its {@link ReadyLine}, stopped together.
 */
public final class RoleOperations implements AutoCloseable {

  private final OperationsServer server;
  private final ReadyLine ready;

  private RoleOperations(OperationsServer server, ReadyLine ready) {
    this.server = server;
    this.ready = ready;
  }

  /**
   * Serves {@code health} and {@code metrics} on {@code bind}:{@code port} and prints the ready line of {@code role}
   * to {@code out} once {@code health} is up.
   */
  public static RoleOperations start(String role, String bind, int port, Supplier<Health> health,
      Supplier<String> metrics, PrintWriter out) {
    OperationsServer server = OperationsServer.start(bind, port, health, metrics);
    return new RoleOperations(server, ReadyLine.watch(role, server.url(), health, out));
  }

  public URI url() {
    return server.url();
  }

  public ReadyLine ready() {
    return ready;
  }

  @Override
  public void close() {
    ready.close();
    server.close();
  }
}
