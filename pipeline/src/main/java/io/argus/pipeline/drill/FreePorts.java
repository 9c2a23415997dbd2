package io.argus.pipeline.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on 127.0.0.1, each handed out once, for processes that must know their ports before they start. */
final class FreePorts {

  private final Set<Integer> given = new HashSet<>();

  /** A port nothing listens on now and that this object has not handed out before. */
  synchronized int next() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(DrillProcesses.HOST))) {
        int port = socket.getLocalPort();
        if (given.add(port)) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port on " + DrillProcesses.HOST, e);
      }
    }
    throw new IllegalStateException("no new free port after 100 attempts");
  }
}
