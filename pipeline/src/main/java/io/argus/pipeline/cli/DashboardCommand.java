package io.argus.pipeline.cli;

import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.dashboard.Dashboard;
import io.argus.pipeline.dashboard.DashboardConfig;
import io.argus.pipeline.dashboard.access.Users;
import io.argus.pipeline.operations.DashboardOperations;
import io.argus.pipeline.operations.RoleMetrics;
import io.argus.pipeline.operations.RoleOperations;
import io.argus.pipeline.security.Roles;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code argus dashboard}: the operations dashboard in the browser, with case review and the rule editor, for signed-in
 * users, until Ctrl-C; {@code argus dashboard hash-password} makes a users-file line.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serves the operations dashboard to signed-in users: live rates, scores, latencies, explained "
        + "alerts, forecasts, models, dead letters, a what-if panel, the review queue (analysts confirm or dismiss "
        + "alerts: fraud-labels and case-decisions) and the rule editor (check, backtest, publish, retire).",
        "Users come from --users FILE or ARGUS_DASHBOARD_USERS: NAME:ROLE:HASH lines (roles viewer, analyst) made by "
            + "'argus dashboard hash-password'.",
        "Prints dashboard=http://HOST:PORT/ once it listens.",
        "GET /health (200 once it reads its topics) and GET /metrics on --ops-port; prints 'argus dashboard ready "
            + "ops=http://HOST:PORT' once healthy."},
    subcommands = HashPasswordCommand.class)
public final class DashboardCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** Where {@code ARGUS_DASHBOARD_USERS} is looked up (tests replace it). */
  Map<String, String> environment = System.getenv();

  @Mixin
  KafkaOptions kafka;

  @Mixin
  OperationsOptions operations;

  @Option(names = "--users", paramLabel = "FILE", description = "The users file: NAME:ROLE:HASH per line "
      + "(argus dashboard hash-password writes them; keep it chmod 600). Default: $" + Users.ENVIRONMENT + ".")
  Path usersFile;

  @Option(names = "--port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
      description = "HTTP port (0: a free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = {"--bind", "--host"}, defaultValue = DashboardConfig.DEFAULT_HOST,
      description = "Address to listen on; 0.0.0.0 serves other machines too: then put TLS in front (a reverse "
          + "proxy, see the README) and pass --secure-cookie. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--secure-cookie", description = "Mark the session cookie Secure: the browser reaches the "
      + "dashboard over HTTPS (a TLS proxy in front).")
  boolean secureCookie;

  @Option(names = "--scorer-url", paramLabel = "URL",
      description = "Base URL of the scorer's HTTP API (argus score), which the what-if panel calls at URL/score, "
          + "for example http://127.0.0.1:8081. Default: none (the panel says so).")
  String scorerUrl;

  @Option(names = "--replay-minutes", defaultValue = "5",
      description = "How many minutes of transactions, features and scores to read back on start. Default: "
          + "${DEFAULT-VALUE}.")
  int replayMinutes;

  @Option(names = "--case-window", defaultValue = "7d", converter = DurationConverter.class,
      description = "How far back alerts are read into the review queue on start (verdicts: all of them). Default: "
          + "${DEFAULT-VALUE}.")
  Duration caseWindow;

  @Option(names = "--offline-dir", paramLabel = "DIR", description = "The offline store the rule editor backtests "
      + "over. Default: none (no backtests).")
  Path offlineDirectory;

  @Option(names = "--registry", paramLabel = "DIR", description = "The model registry whose champion backtests "
      + "compare with. Default: none.")
  Path registry;

  @Option(names = "--model", defaultValue = DashboardConfig.DEFAULT_MODEL, description = "The champion's name in "
      + "--registry. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--alert-threshold", defaultValue = "0.5", description = "The scorer's alert threshold, for "
      + "backtests. Default: ${DEFAULT-VALUE}.")
  double alertThreshold;

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
    if (offlineDirectory != null && !Files.isDirectory(offlineDirectory)) {
      throw new UserException("--offline-dir " + offlineDirectory + " is not a directory");
    }
    if (registry != null && !Files.isDirectory(registry)) {
      throw new UserException("--registry " + registry + " is not a directory");
    }
    try {
      String bootstrap = kafka.settings().bootstrap();
      return DashboardConfig.defaults(bootstrap).withHost(host).withPort(port).withScorerUrl(scorerUri())
          .withReplay(Duration.ofMinutes(replayMinutes)).withCaseWindow(caseWindow).withSecureCookie(secureCookie)
          .withBacktests(offlineDirectory, registry, model, alertThreshold).withUsers(users());
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage() + " (see 'argus dashboard --help')");
    }
  }

  /** The users of --users, else of ARGUS_DASHBOARD_USERS; the dashboard is never open to everyone. */
  private Users users() {
    try {
      if (usersFile != null) {
        if (!Files.isRegularFile(usersFile)) {
          throw new UserException("--users " + usersFile + " is not a file");
        }
        return Users.read(usersFile);
      }
      String variable = environment.get(Users.ENVIRONMENT);
      if (variable != null && !variable.isBlank()) {
        return Users.fromEnvironment(variable);
      }
    } catch (UncheckedIOException e) {
      throw new UserException(e.getMessage());
    }
    throw new UserException("the dashboard needs users: give --users FILE or set " + Users.ENVIRONMENT
        + "; make each line with 'argus dashboard hash-password --user NAME --role analyst'");
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
