package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.dashboard.Dashboard;
import io.argus.pipeline.dashboard.DashboardConfig;
import io.argus.pipeline.operations.DashboardOperations;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.security.Roles;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code argus dashboard}: the operations dashboard in the browser, reading the output topics, until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serves the operations dashboard: live rates, scores, latencies, explained alerts, forecasts, "
        + "models, dead letters and a what-if panel, read from the output topics.",
        "Prints dashboard=http://HOST:PORT/ once it listens; endpoints: /, /events, /api/snapshot, /api/whatif.",
        "GET /health (200 once it reads its topics) and GET /metrics on --ops-port; prints 'argus dashboard ready "
            + "ops=http://HOST:PORT' once healthy."})
public final class DashboardCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  OperationsOptions operations;

  @Option(names = "--port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
      description = "HTTP port (0: a free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = DashboardConfig.DEFAULT_HOST,
      description = "Address to listen on; 0.0.0.0 serves other machines too (there is no authentication: put it "
          + "behind your proxy). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--scorer-url", paramLabel = "URL",
      description = "Base URL of the scorer's HTTP API (argus score), which the what-if panel calls at URL/score, "
          + "for example http://127.0.0.1:8081. Default: none (the panel says so).")
  String scorerUrl;

  @Option(names = "--replay-minutes", defaultValue = "5",
      description = "How many minutes of transactions, scores and alerts to read back on start. Default: "
          + "${DEFAULT-VALUE}.")
  int replayMinutes;

  @Override
  public Integer call() throws InterruptedException {
    DashboardConfig config = config();
    KafkaSettings settings = kafka.connect(Roles.dashboard(), false);
    RoleMetrics metrics = RoleMetrics.create();
    Dashboard dashboard;
    try {
      dashboard = start(config, settings.withListener(metrics.kafkaClients()));
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    RoleOperations surface;
    try {
      DashboardOperations.bind(metrics, dashboard);
      surface = operations.start("dashboard", dashboard::health, metrics::scrape, spec.commandLine().getOut());
    } catch (RuntimeException e) {
      dashboard.close();
      metrics.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      surface.close();
      dashboard.close();
      metrics.close();
      stopped.countDown();
    }, "dashboard-shutdown"));
    System.out.println("dashboard=" + dashboard.url());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private DashboardConfig config() {
    if (replayMinutes < 0) {
      throw new UserException("--replay-minutes must be 0 or more, got " + replayMinutes);
    }
    if (host.isBlank() || new InetSocketAddress(host, 0).isUnresolved()) {
      throw new UserException("--host " + host + " is not an address of this machine (for example 127.0.0.1)");
    }
    try {
      String bootstrap = kafka.settings().bootstrap();
      DashboardConfig defaults = DashboardConfig.defaults(bootstrap);
      return new DashboardConfig(bootstrap, host, port, scorerUri(), Duration.ofMinutes(replayMinutes),
          defaults.rateWindow(), defaults.alertFeedSize(), defaults.pushInterval(), defaults.whatIfTimeout(),
          defaults.forecastHistory());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (see 'argus dashboard --help')");
    }
  }

  private URI scorerUri() {
    if (scorerUrl == null) {
      return null;
    }
    try {
      return new URI(scorerUrl);
    } catch (URISyntaxException e) {
      throw new UserException("--scorer-url must be a URL such as http://127.0.0.1:8081, got '" + scorerUrl + "'");
    }
  }

  private Dashboard start(DashboardConfig config, KafkaSettings settings) {
    try {
      return Dashboard.start(config, settings);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new UserException("cannot listen on " + config.host() + ":" + config.port() + " (" + e.getCause()
            .getMessage() + "): choose another port with --port");
      }
      throw e;
    }
  }
}
