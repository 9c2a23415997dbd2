package io.argus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumVoterTest {

  @Test
  void shouldParseAndFormatTheControllerQuorum() {
    List<QuorumVoter> quorum = QuorumVoter.parseAll("1@127.0.0.1:9093, 2@127.0.0.1:9095,3@kafka-3:9093");

    assertThat(quorum).containsExactly(new QuorumVoter(1, "127.0.0.1", 9093), new QuorumVoter(2, "127.0.0.1", 9095),
        new QuorumVoter(3, "kafka-3", 9093));
    assertThat(QuorumVoter.format(quorum)).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@kafka-3:9093");
  }

  @Test
  void shouldRejectAnEntryThatIsNotIdAtHostColonPort() {
    assertThatThrownBy(() -> QuorumVoter.parseAll("1@127.0.0.1:9093,127.0.0.1:9095"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'127.0.0.1:9095'")
        .hasMessageContaining("ID@HOST:PORT");
    assertThatThrownBy(() -> QuorumVoter.parse("x@127.0.0.1:9093")).hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> QuorumVoter.parse("1@127.0.0.1:")).hasMessageContaining("ID@HOST:PORT");
    assertThatThrownBy(() -> QuorumVoter.parse("1@127.0.0.1:70000")).hasMessageContaining("70000");
  }

  @Test
  void shouldRejectANodeIdGivenTwice() {
    assertThatThrownBy(() -> QuorumVoter.parseAll("1@a:9093,1@b:9093"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node id 1 appears twice");
  }
}
