package io.argus.pipeline.cli;

import io.argus.common.Health;
import io.argus.pipeline.operations.RoleOperations;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --ops-port} and {@code --ops-bind}, the same on every long-running command (a picocli mixin): where the
 * role serves {@code GET /health} and {@code GET /metrics}, and the ready line it prints once healthy
 * ({@code argus <role> ready ops=http://HOST:PORT}). Each role has a port of its own by default
 * ({@link #DEFAULT_PORTS}), so that the roles of one machine do not collide; 0 picks a free one.
 */
public final class OperationsOptions {

  /** The default operations port of each long-running command. */
  public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();
  static final String PORT_OPTION = "--ops-port";

  @Option(names = PORT_OPTION, paramLabel = "PORT",
      description = "Port of GET /health and GET /metrics (0: a free port). Default: ${DEFAULT-VALUE}.")
  Integer port;

  @Option(names = "--ops-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the operations port listens on; 0.0.0.0 for every interface (for a scraper on another "
          + "machine). Default: ${DEFAULT-VALUE}.")
  String bind = "127.0.0.1";

  /**
   * Serves {@code health} and {@code metrics} and prints {@code role}'s ready line to {@code out} once healthy.
   *
   * @throws UserException (one line) when the port is out of range or cannot be bound
   */
  RoleOperations start(String role, Supplier<Health> health, Supplier<String> metrics, PrintWriter out) {
    int chosen = port != null ? port : DEFAULT_PORTS.get(role);
    if (chosen < 0 || chosen > 65_535) {
      throw new UserException(PORT_OPTION + " must be between 0 and 65535, got " + chosen);
    }
    try {
      return RoleOperations.start(role, bind, chosen, health, metrics, out);
    } catch (UncheckedIOException e) {
      String why = e.getCause() instanceof BindException ? e.getCause().getMessage() : e.getMessage();
      throw new UserException("cannot serve /health and /metrics on " + bind + ":" + chosen + " (" + why
          + "): choose another port with " + PORT_OPTION + " (0: a free one) or another address with --ops-bind");
    }
  }

  private static Map<String, Integer> defaultPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("validate", 9401);
    ports.put("features", 9402);
    ports.put("score", 9403);
    ports.put("forecast", 9404);
    ports.put("train", 9405);
    ports.put("dashboard", 9406);
    return Collections.unmodifiableMap(ports);
  }

  /** Gives {@code --ops-port} the default of the command it belongs to (and {@code --help} shows it). */
  static final class DefaultPorts implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec argument) {
      if (argument instanceof OptionSpec option && PORT_OPTION.equals(option.longestName())) {
        Integer port = DEFAULT_PORTS.get(argument.command().name());
        return port == null ? null : port.toString();
      }
      return null;
    }
  }
}
