package io.argus.pipeline.drill;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, each handed out once, for processes that must know their ports before they start.
 *
 * <p>They are taken below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}), from which
 * every outgoing connection gets its local port: a port from that range, free when checked, can be taken by any
 * connection before the process that was given it binds it (once a Flink JobManager failed to start on its REST port
 * that way). Where the range is unknown, the system chooses, as before.
 */
final class FreePorts {

  /** The lowest port handed out. */
  static final int LOWEST = 10_000;
  static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int ATTEMPTS = 1_000;

  private final Set<Integer> given = new HashSet<>();
  private final int firstEphemeral;
  private final Random random = new Random();

  FreePorts() {
    this(firstEphemeralPort());
  }

  /** Ports below {@code firstEphemeral}, or the system's choice when it is 0 or leaves too few below it. */
  FreePorts(int firstEphemeral) {
    this.firstEphemeral = firstEphemeral;
  }

  /** A port nothing listens on now and that this object has not handed out before. */
  synchronized int next() {
    InetAddress host;
    try {
      host = InetAddress.getByName(DrillProcesses.HOST);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + DrillProcesses.HOST, e);
    }
    boolean belowEphemeral = firstEphemeral > LOWEST + ATTEMPTS;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int wanted = belowEphemeral ? LOWEST + random.nextInt(firstEphemeral - LOWEST) : 0;
      try (ServerSocket socket = new ServerSocket(wanted, 1, host)) {
        if (given.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (BindException e) {
        // someone listens there: try another
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port on " + DrillProcesses.HOST, e);
      }
    }
    throw new IllegalStateException("no new free port on " + DrillProcesses.HOST + " after " + ATTEMPTS + " attempts");
  }

  /** The first port of the kernel's ephemeral range, or 0 when it cannot be read. */
  static int firstEphemeralPort() {
    // read by line: Files.readString of this /proc file returned its first byte only
    try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
      return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
