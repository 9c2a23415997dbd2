package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.argus.embedded.TopicReader;
import io.argus.features.job.FeatureJob;
import io.argus.features.job.FeatureJobConfig;
import io.argus.features.job.FeatureKafka;
import io.argus.forecaster.live.ForecastService;
import io.argus.forecaster.live.LiveForecastConfig;
import io.argus.ingestion.streams.Validator;
import io.argus.ingestion.streams.ValidatorTopology;
import io.argus.ingestion.tokenize.CardTokenizer;
import io.argus.ingestion.validation.TransactionValidator;
import io.argus.ingestion.validation.ValidationLimits;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.dashboard.Dashboard;
import io.argus.pipeline.dashboard.DashboardConfig;
import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import io.argus.pipeline.runtime.ShippedModel;
import io.argus.pipeline.security.AccessCheck;
import io.argus.pipeline.security.AccessException;
import io.argus.pipeline.security.RoleAccess;
import io.argus.pipeline.security.Roles;
import io.argus.schemas.Topics;
import io.argus.scorer.Scorer;
import io.argus.scorer.ScorerConfig;
import io.argus.scorer.ScoringTopology;
import io.argus.scorer.model.ArtifactModelLoader;
import io.argus.trainer.registry.KafkaReleaseSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every role against one secured broker ({@link SecuredCluster}: SASL SCRAM-SHA-512, the KRaft authorizer), each as
 * its own principal with only the ACLs {@code argus topics --acls} granted it: the file ingest and the simulator (the commands), then the
 * validator, the feature job on a MiniCluster, the trainer's release publisher, the scorer, the forecaster and the
 * dashboard together, until every transaction is scored. The validator's, the feature job's and the scorer's
 * passwords come from the environment through Kafka's {@code EnvVarConfigProvider} (resolved by Kafka Streams and by
 * the Flink connector's clients), the others' from a secrets file through {@code FileConfigProvider}. A principal
 * without a role's ACLs, and a wrong password, are refused by the role's start check in one line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredRolesIT {

  private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(4);

  @TempDir
  static Path directory;

  private static SecuredCluster cluster;
  private static KafkaSettings admin;
  private static Path keyFile;
  private static long ingested;
  private static long simulatedRaw;

  @BeforeAll
  static void startSecuredBroker() throws IOException {
    cluster = SecuredCluster.start(directory, Set.of("validate", "features", "score"));
    admin = cluster.admin();
    keyFile = Files.writeString(directory.resolve("token.key"), "a2V5LWtleS1rZXkta2V5LWtleS1rZXkta2V5LWtleS1rZXk=");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void stopBroker() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void shouldGrantEveryRoleTheAclsItsStartCheckAsksFor() {
    CommandRun again = CommandRun.of("topics", "--bootstrap", cluster.bootstrap(), "--kafka-config",
        cluster.adminConfig().toString(), "--acls");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("transactions-raw", "exists", "validate", "User:argus-validator: 13 ACLs granted",
        "dashboard", "User:argus-dashboard");
    for (RoleAccess role : Roles.all()) {
      AccessCheck.require(settings(role.role()), role, false, role.role() + ".properties");
    }
  }

  @Test
  @Order(2)
  void shouldIngestAFileAndSimulateRawTransactionsEachAsItsOwnPrincipal() throws IOException {
    Path file = directory.resolve("handbook.csv");
    assertThat(CommandRun.of("simulate", "--out", file.toString(), "--days", "2", "--customers", "50",
        "--terminals", "100", "--id-prefix", "file-").exitCode()).isZero();

    CommandRun ingest = CommandRun.of("ingest", "--bootstrap", cluster.bootstrap(), "--kafka-config",
        config("ingest").toString(), "--token-key-file", keyFile.toString(), file.toString());
    CommandRun simulate = CommandRun.of("simulate", "--raw", "--bootstrap", cluster.bootstrap(), "--kafka-config",
        config("simulate").toString(), "--token-key-file", keyFile.toString(), "--count", "300", "--customers", "50",
        "--terminals", "100", "--id-prefix", "raw-");

    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(simulate.exitCode()).as(simulate.err()).isZero();
    JsonNode ingestSummary = new ObjectMapper().readTree(ingest.lastLine());
    assertThat(ingestSummary.get("acknowledged").asLong()).isEqualTo(ingestSummary.get("read").asLong());
    ingested = ingestSummary.get("validated").asLong();
    simulatedRaw = new ObjectMapper().readTree(simulate.lastLine()).get("transactions").asLong();
    assertThat(ingested).isPositive();
    assertThat(simulatedRaw).isEqualTo(300);
  }

  @Test
  @Order(3)
  void shouldScoreEveryTransactionWithEachRoleAsItsOwnPrincipal() throws Exception {
    Properties validatorState = new Properties();
    validatorState.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("validator").toString());
    Properties scorerState = new Properties();
    scorerState.put(StreamsConfig.STATE_DIR_CONFIG, directory.resolve("scorer").toString());
    Path registry = directory.resolve("registry");
    ScorerConfig defaults = ScorerConfig.DEFAULTS;
    ScorerConfig scorerConfig = new ScorerConfig(defaults.thresholds(), defaults.explainer(),
        defaults.deduplicationRetention(), 0, 1);

    try (Validator validator = Validator.start(settings("validate"), validatorState, new TransactionValidator(
            CardTokenizer.fromKeyFile(keyFile), ValidationLimits.DEFAULTS, Clock.systemUTC()),
            ValidatorTopology.DEFAULT_DUPLICATE_WINDOW);
        RunningJob features = RunningJob.start(settings("features"), directory);
        KafkaReleaseSink trainer = new KafkaReleaseSink(settings("train"));
        Scorer scorer = Scorer.start(settings("score"), scorerState, scorerConfig,
            new ArtifactModelLoader(registry), Clock.systemUTC());
        RunningForecaster forecaster = RunningForecaster.start(settings("forecast"));
        Dashboard dashboard = Dashboard.start(DashboardConfig.defaults(cluster.bootstrap()).withPort(0)
            .withUsers(new Users(List.of(new User("ana", Role.ANALYST,
                new PasswordHasher(Users.MINIMUM_ITERATIONS).hash("a long password".toCharArray()))))),
            settings("dashboard"))) {
      trainer.release(ShippedModel.install(registry));
      await("the validator decided every raw record", () -> validator.counts().total() == simulatedRaw);
      long transactions = ingested + validator.counts().validated();

      long scores = TopicReader.readAll(admin, Topics.FRAUD_SCORES, (int) transactions, PIPELINE_TIMEOUT,
          Duration.ofSeconds(1)).size();

      assertThat(scores).as("every transaction scored once").isEqualTo(transactions);
      assertThat(scorer.health().isUp()).as(scorer.health().json()).isTrue();
      await("the forecaster replayed its history", () -> forecaster.service().live());
      assertThat(forecaster.service().counters().accepted()).isPositive();
      await("the dashboard read the scores", () -> dashboard.health().isUp()
          && dashboard.recordsRead().get(Topics.FRAUD_SCORES.name()) == transactions);
    }
  }

  @Test
  @Order(4)
  void shouldRefuseAPrincipalWithoutTheRolesAclsInOneLine() {
    assertThatThrownBy(() -> AccessCheck.require(settings("dashboard"), Roles.scorer(ScoringTopology.APPLICATION_ID),
        false, "dashboard.properties"))
        .isInstanceOf(AccessException.class)
        .hasMessageStartingWith("the principal of dashboard.properties may not WRITE topic fraud-scores; WRITE "
            + "topic alerts; WRITE topic transactions-dlq; READ group argus-scorer; WRITE transactional id "
            + "argus-scorer-* on " + cluster.bootstrap())
        .hasMessageEndingWith("grant the 'score' role its ACLs as the administrator (argus topics --acls; the table "
            + "is in the README, 'Running on a cluster')");
    assertThatThrownBy(() -> AccessCheck.require(settings("ingest"), Roles.validator(
        ValidatorTopology.APPLICATION_ID), false, "ingest.properties"))
        .isInstanceOf(AccessException.class)
        .hasMessageContaining("see topic transactions-raw");
  }

  @Test
  @Order(5)
  void shouldRefuseAWrongPasswordInOneLine() throws IOException {
    Path wrong = cluster.inlineConfig("wrong.properties", "argus-validator", "not-the-password");

    assertThatThrownBy(() -> AccessCheck.require(KafkaSettings.load(cluster.bootstrap(), wrong),
        Roles.validator(ValidatorTopology.APPLICATION_ID), false, "--kafka-config " + wrong))
        .isInstanceOf(AccessException.class)
        .hasMessage("Kafka at " + cluster.bootstrap() + " refused the credentials of --kafka-config " + wrong
            + ": Authentication failed during authentication due to invalid credentials with SASL mechanism "
            + "SCRAM-SHA-512");
  }

  private static KafkaSettings settings(String role) {
    return cluster.settings(role);
  }

  private static Path config(String role) {
    return cluster.config(role);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PIPELINE_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + PIPELINE_TIMEOUT).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** The live feature job on a MiniCluster in this JVM, cancelled on close. */
  private record RunningJob(JobClient job) implements AutoCloseable {

    static RunningJob start(KafkaSettings kafka, Path directory) throws Exception {
      FeatureJobConfig config = FeatureJobConfig.from(Map.of(
          FeatureJobConfig.Key.CHECKPOINT_DIR.property(), directory.resolve("checkpoints").toUri().toString(),
          FeatureJobConfig.Key.PARALLELISM.property(), "1"));
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
          FeatureJob.config(new Configuration(), config));
      FeatureKafka.Wiring wiring = FeatureKafka.wiring(kafka, FeatureKafka.DEFAULT_GROUP_ID,
          directory.resolve("offline").toUri().toString());
      FeatureJob.build(env, wiring.sources(), wiring.sinks(), config);
      return new RunningJob(env.executeAsync("secured features"));
    }

    @Override
    public void close() throws Exception {
      job.cancel().get();
    }
  }

  /** The forecaster on its own thread, stopped on close. */
  private record RunningForecaster(ForecastService service, Thread thread) implements AutoCloseable {

    static RunningForecaster start(KafkaSettings kafka) {
      ForecastService service = ForecastService.kafka(kafka, LiveForecastConfig.defaults(), Clock.systemUTC());
      Thread thread = new Thread(() -> {
        try (service) {
          service.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "secured-forecaster");
      thread.start();
      return new RunningForecaster(service, thread);
    }

    @Override
    public void close() throws InterruptedException {
      service.stop();
      thread.join(30_000);
    }
  }
}
