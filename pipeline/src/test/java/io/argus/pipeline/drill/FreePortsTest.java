package io.argus.pipeline.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void shouldHandOutDistinctBindablePortsBelowTheEphemeralRange() throws IOException {
    FreePorts ports = new FreePorts(32_768);
    Set<Integer> given = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = ports.next();
      assertThat(port).isBetween(FreePorts.LOWEST, 32_767);
      assertThat(given.add(port)).as("port %d handed out twice", port).isTrue();
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(DrillProcesses.HOST))) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void shouldLeaveTheChoiceToTheSystemWhenTheRangeIsUnknown() {
    FreePorts ports = new FreePorts(0);

    assertThat(ports.next()).isNotEqualTo(ports.next());
  }

  @Test
  void shouldReadWhereTheKernelsEphemeralRangeStarts() {
    assumeTrue(Files.isReadable(FreePorts.EPHEMERAL_RANGE), "no " + FreePorts.EPHEMERAL_RANGE + " here");

    assertThat(FreePorts.firstEphemeralPort()).as("Linux's ephemeral range starts at 32768 unless tuned")
        .isGreaterThan(FreePorts.LOWEST);
  }
}
