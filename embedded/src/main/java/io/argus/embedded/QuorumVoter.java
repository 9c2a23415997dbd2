package io.argus.embedded;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One voter of a KRaft controller quorum: a node id and the address of its controller listener, written the way
 * Kafka's {@code controller.quorum.voters} writes it, {@code 1@127.0.0.1:9093}.
 */
public record QuorumVoter(int nodeId, String host, int port) {

  public QuorumVoter {
    if (nodeId < 0) {
      throw new IllegalArgumentException("a node id must be 0 or more, got " + nodeId);
    }
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("voter " + nodeId + " has no host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("voter " + nodeId + ": the port must be between 1 and 65535, got " + port);
    }
  }

  /**
   * The voters of {@code 1@host:port,2@host:port,...}.
   *
   * @throws IllegalArgumentException naming the entry that is not {@code ID@HOST:PORT}, or a node id given twice
   */
  public static List<QuorumVoter> parseAll(String text) {
    List<QuorumVoter> voters = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (String entry : text.split(",")) {
      QuorumVoter voter = parse(entry.trim());
      if (!ids.add(voter.nodeId())) {
        throw new IllegalArgumentException("node id " + voter.nodeId() + " appears twice in the quorum '" + text + "'");
      }
      voters.add(voter);
    }
    return List.copyOf(voters);
  }

  /** One {@code ID@HOST:PORT}. */
  public static QuorumVoter parse(String entry) {
    int at = entry.indexOf('@');
    int colon = entry.lastIndexOf(':');
    if (at < 1 || colon < at + 2 || colon == entry.length() - 1) {
      throw new IllegalArgumentException("a quorum voter is written ID@HOST:PORT (for example 1@127.0.0.1:9093), got '"
          + entry + "'");
    }
    try {
      return new QuorumVoter(Integer.parseInt(entry.substring(0, at)), entry.substring(at + 1, colon),
          Integer.parseInt(entry.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a quorum voter is written ID@HOST:PORT with whole numbers, got '" + entry
          + "'", e);
    }
  }

  /** {@code 1@host:port,2@host:port}, the value of {@code controller.quorum.voters}. */
  public static String format(List<QuorumVoter> voters) {
    return voters.stream().map(QuorumVoter::toString).collect(Collectors.joining(","));
  }

  @Override
  public String toString() {
    return nodeId + "@" + host + ":" + port;
  }
}
