package io.argus.pipeline.cli;

import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.schemas.TopicAdmin;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code argus broker}: a real single-node Kafka broker in KRaft mode, in this process, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Runs a single-node Kafka broker in KRaft mode (the broker's own code, in-process) until Ctrl-C.",
        "Prints bootstrap=127.0.0.1:PORT once ready. A restart on the same data directory keeps topics and records."})
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "9092", description = "Client port (0: a free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--data-dir", defaultValue = "argus-data/kafka", description = "Where the broker keeps its logs. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true",
      description = "Create the catalogue's topics once ready. Default: ${DEFAULT-VALUE}.")
  boolean createTopics;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new UserException("--port must be between 0 and 65535, got " + port);
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(port, dataDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      broker.close();
      stopped.countDown();
    }, "broker-shutdown"));
    if (createTopics) {
      TopicAdmin.createAll(broker.bootstrap());
    }
    System.out.println("bootstrap=" + broker.bootstrap());
    System.out.flush();
    stopped.await();
    return 0;
  }
}
