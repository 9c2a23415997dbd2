package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.embedded.TopicReader;
import io.argus.kafka.KafkaClients;
import io.argus.pipeline.dashboard.access.PasswordHasher;
import io.argus.pipeline.dashboard.access.Role;
import io.argus.pipeline.dashboard.access.User;
import io.argus.pipeline.dashboard.access.Users;
import io.argus.pipeline.runtime.ShippedModel;
import io.argus.schemas.Topics;
import io.argus.trainer.registry.KafkaReleaseSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands as processes of their own against one secured broker ({@link SecuredCluster}), each role as its own
 * principal, its password read from the environment through {@code --kafka-config}: a wrong password and a password
 * that does not resolve end the role with one line and no stack trace on the console, before it has read anything;
 * then the validator, the feature job, the scorer, the forecaster and the dashboard run together, each prints its
 * ready line, answers {@code /health} with 200 and {@code /metrics} with its meters on its operations port, and the
 * records the failed start left behind are validated, featured and scored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredCommandsIT {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern STACK_TRACE = Pattern.compile("^\\s+at |^Caused by: |^[\\w.$]+(Exception|Error)\\b.*");
  private static final int RAW_RECORDS = 5;
  private static final Instant EVENT_TIME = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);

  @TempDir
  static Path directory;

  private static SecuredCluster cluster;
  private static Path keyFile;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startSecuredBroker() throws IOException {
    cluster = SecuredCluster.start(directory, Set.of("validate", "features", "score", "forecast", "dashboard",
        "train"));
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
  void shouldEndInOneLineAndLeaveItsInputUnreadWhenThePasswordIsWrong() throws Exception {
    try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(cluster.admin(), Topics.TRANSACTIONS_RAW)) {
      for (int i = 0; i < RAW_RECORDS; i++) {
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONS_RAW.name(), "raw-" + i, json("raw-" + i))).get();
      }
    }

    try (ArgusProcess validate = ArgusProcess.start("validate", directory,
        Map.of(SecuredCluster.PASSWORD_VARIABLE, "not-the-password"), "validate", "--bootstrap", cluster.bootstrap(),
        "--kafka-config", cluster.config("validate").toString(), "--token-key-file", keyFile.toString(),
        "--state-dir", directory.resolve("refused").toString(), "--ops-port", "0")) {

      assertThat(validate.awaitExit(START_TIMEOUT)).as(validate.transcript()).isEqualTo(2);
      List<String> console = validate.err();
      assertThat(console).as(validate.transcript()).noneMatch(line -> STACK_TRACE.matcher(line).find())
          .last().asString().isEqualTo("argus: Kafka at " + cluster.bootstrap() + " refused the credentials of "
              + "--kafka-config " + cluster.config("validate") + ": Authentication failed during authentication due "
              + "to invalid credentials with SASL mechanism SCRAM-SHA-512");
      assertThat(validate.out()).noneMatch(line -> line.contains("ready"));
    }
    assertThat(TopicReader.readAll(cluster.admin(), Topics.TRANSACTIONS_RAW, RAW_RECORDS, Duration.ofSeconds(30),
        Duration.ZERO)).hasSize(RAW_RECORDS);
    try (Admin admin = Admin.create(cluster.admin().clientProperties())) {
      assertThat(admin.listConsumerGroupOffsets("argus-validator").partitionsToOffsetAndMetadata().get())
          .as("nothing committed by the refused validator").isEmpty();
    }
  }

  @Test
  @Order(2)
  void shouldEndInOneLineWhenThePasswordVariableIsNotSet() throws Exception {
    try (ArgusProcess score = ArgusProcess.start("score", directory,
        mapOf(SecuredCluster.PASSWORD_VARIABLE, null), "score", "--bootstrap", cluster.bootstrap(),
        "--kafka-config", cluster.config("score").toString(), "--registry", directory.toString())) {

      assertThat(score.awaitExit(START_TIMEOUT)).as(score.transcript()).isEqualTo(2);
      assertThat(score.err()).as(score.transcript()).containsExactly("argus: --kafka-config "
          + cluster.config("score") + ": sasl.jaas.config refers to ${env:" + SecuredCluster.PASSWORD_VARIABLE
          + "}, which does not resolve here (is the variable, file or key there?)");
    }
  }

  @Test
  @Order(3)
  void shouldRunEachLongRunningRoleAsItsPrincipalAndSayWhenItIsReady() throws Exception {
    Path registry = directory.resolve("registry");
    try (KafkaReleaseSink trainer = new KafkaReleaseSink(cluster.settings("train"))) {
      trainer.release(ShippedModel.install(registry));
    }
    Map<String, String[]> roles = new LinkedHashMap<>();
    roles.put("validate", new String[] {"--token-key-file", keyFile.toString(), "--state-dir",
        directory.resolve("validator").toString()});
    roles.put("features", new String[] {"--offline-dir", directory.resolve("offline").toString(), "--checkpoint-dir",
        directory.resolve("checkpoints").toString()});
    roles.put("score", new String[] {"--registry", registry.toString(), "--state-dir",
        directory.resolve("scorer").toString(), "--http-port", "0"});
    roles.put("forecast", new String[] {});
    Path users = Files.writeString(directory.resolve("dashboard-users"), new User("ana", Role.ANALYST,
        new PasswordHasher(Users.MINIMUM_ITERATIONS).hash("a long password".toCharArray())).line() + "\n");
    roles.put("dashboard", new String[] {"--port", "0", "--users", users.toString()});
    Map<String, String> meters = Map.of("validate", "argus_validator_records_total", "features",
        "argus_features_checkpoints_total", "score", "argus_scorer_vectors_total", "forecast",
        "argus_forecaster_transactions_total", "dashboard", "argus_dashboard_records_total");
    List<ArgusProcess> running = new ArrayList<>();
    try {
      Map<String, URI> operations = new HashMap<>();
      for (Map.Entry<String, String[]> role : roles.entrySet()) {
        List<String> args = new ArrayList<>(List.of(role.getKey(), "--bootstrap", cluster.bootstrap(),
            "--kafka-config", cluster.config(role.getKey()).toString(), "--ops-port", "0"));
        args.addAll(List.of(role.getValue()));
        ArgusProcess process = ArgusProcess.start(role.getKey(), directory, Map.of(), args.toArray(String[]::new));
        running.add(process);
        // One at a time, as a deployment rolls out: the build machine's two cores start one JVM well, five badly.
        Optional<String> url = process.awaitLine(Pattern.compile("argus " + role.getKey()
            + " ready ops=(http://127\\.0\\.0\\.1:\\d+)"), START_TIMEOUT);
        assertThat(url).as(process.transcript()).isPresent();
        operations.put(role.getKey(), URI.create(url.orElseThrow()));
      }

      for (Map.Entry<String, URI> role : operations.entrySet()) {
        HttpResponse<String> health = get(role.getValue().resolve("/health"));
        HttpResponse<String> metrics = get(role.getValue().resolve("/metrics"));
        assertThat(health.statusCode()).as(role.getKey() + " " + health.body()).isEqualTo(200);
        assertThat(health.body()).startsWith("{\"status\":\"UP\"");
        assertThat(metrics.body()).as(role.getKey()).contains(meters.get(role.getKey()), "jvm_memory_used_bytes");
      }
      assertThat(get(operations.get("forecast").resolve("/metrics")).body()).contains("kafka_consumer_");
      assertThat(get(operations.get("dashboard").resolve("/metrics")).body()).contains("kafka_consumer_");
      assertThat(TopicReader.readAll(cluster.admin(), Topics.FRAUD_SCORES, RAW_RECORDS, START_TIMEOUT,
          Duration.ofSeconds(1))).as("the records the refused validator left are scored").hasSize(RAW_RECORDS);
      assertThat(get(operations.get("validate").resolve("/metrics")).body())
          .contains("argus_validator_records_total{outcome=\"validated\"} " + RAW_RECORDS + ".0");
    } finally {
      for (ArgusProcess process : running) {
        process.close();
      }
    }
    for (ArgusProcess process : running) {
      assertThat(process.out().stream().filter(line -> line.contains(" ready ops="))).as(process.transcript())
          .hasSize(1);
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A raw transaction of a minute ago. Its event time becomes its records' timestamps on a broker keeping create time,
   * as this one does: an event time older than a topic's retention (seven days) would have the broker delete the
   * features before the scorer reads them.
   */
  private static byte[] json(String transactionId) {
    return ("{\"transaction_id\":\"" + transactionId + "\",\"event_time\":\"" + EVENT_TIME + "\","
        + "\"card_number\":\"4111111111111111\",\"customer_id\":\"c-1\",\"terminal_id\":\"t-1\","
        + "\"amount\":\"12.50\",\"currency\":\"EUR\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> mapOf(String variable, String value) {
    Map<String, String> environment = new HashMap<>();
    environment.put(variable, value);
    return environment;
  }
}
