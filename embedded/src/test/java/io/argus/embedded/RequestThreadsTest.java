package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broker's request threads follow the machine's cores: half for I/O, a quarter for the network, one at least. */
class RequestThreadsTest {

  @Test
  void shouldGiveASmallMachineOneThreadOfEachAndALargerOneMore() {
    assertThat(EmbeddedKafkaBroker.requestThreads(1))
        .isEqualTo(Map.of("num.io.threads", "1", "num.network.threads", "1"));
    assertThat(EmbeddedKafkaBroker.requestThreads(2))
        .isEqualTo(Map.of("num.io.threads", "1", "num.network.threads", "1"));
    assertThat(EmbeddedKafkaBroker.requestThreads(16))
        .isEqualTo(Map.of("num.io.threads", "8", "num.network.threads", "4"));
  }
}
