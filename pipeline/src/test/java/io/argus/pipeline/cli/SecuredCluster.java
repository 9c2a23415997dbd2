package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.embedded.EmbeddedKafkaBroker;
import io.argus.kafka.KafkaSettings;
import io.argus.pipeline.security.RoleAccess;
import io.argus.pipeline.security.Roles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * A secured embedded broker for one test class, set up as an administrator sets up a cluster: the topics and every
 * role's ACLs granted by {@code argus topics --acls} as the super user, a SCRAM user per role
 * ({@code argus-validator}...), and a client properties file per role ({@code validate.properties}...) whose password
 * comes through a config provider: from the environment variable {@value #PASSWORD_VARIABLE} for the roles asked
 * for, from a secrets file for the others.
 */
final class SecuredCluster implements AutoCloseable {

  /** The environment variable the roles' files name; Failsafe sets it for the test JVM. */
  static final String PASSWORD_VARIABLE = "ARGUS_IT_KAFKA_PASSWORD";

  private final EmbeddedKafkaBroker broker;
  private final Path directory;
  private final Path adminConfig;

  private SecuredCluster(EmbeddedKafkaBroker broker, Path directory, Path adminConfig) {
    this.broker = broker;
    this.directory = directory;
    this.adminConfig = adminConfig;
  }

  /**
   * Starts it in {@code directory}; the roles in {@code fromEnvironment} (command names) get the password of
   * {@value #PASSWORD_VARIABLE}.
   */
  static SecuredCluster start(Path directory, Set<String> fromEnvironment) throws IOException {
    String environmentPassword = System.getenv(PASSWORD_VARIABLE);
    assertThat(environmentPassword).as(PASSWORD_VARIABLE + " is set by the pipeline's Failsafe configuration: run "
        + "this test with mvn").isNotBlank();
    String adminPassword = "admin-" + UUID.randomUUID();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(0, directory.resolve("kafka"), adminPassword);
    Path adminConfig = store(directory.resolve("admin.properties"),
        EmbeddedKafkaBroker.scramClientProperties(EmbeddedKafkaBroker.ADMIN, adminPassword));
    SecuredCluster cluster = new SecuredCluster(broker, directory, adminConfig);
    CommandRun grant = CommandRun.of("topics", "--bootstrap", broker.bootstrap(), "--kafka-config",
        adminConfig.toString(), "--acls");
    assertThat(grant.exitCode()).as(grant.err()).isZero();
    Path secretsFile = directory.resolve("secrets.properties");
    Map<String, String> secrets = new LinkedHashMap<>();
    for (RoleAccess role : Roles.all()) {
      String user = user(role);
      boolean environment = fromEnvironment.contains(role.role());
      String password = environment ? environmentPassword : "secret-" + UUID.randomUUID();
      broker.addScramUser(user, password);
      if (!environment) {
        secrets.put(user, password);
      }
      store(cluster.config(role.role()), roleProperties(user, environment ? "${env:" + PASSWORD_VARIABLE + "}"
          : "${file:" + secretsFile + ":" + user + "}", environment));
    }
    store(secretsFile, secrets);
    return cluster;
  }

  String bootstrap() {
    return broker.bootstrap();
  }

  /** The super user's settings. */
  KafkaSettings admin() {
    return KafkaSettings.of(broker.bootstrap(), broker.adminProperties());
  }

  Path adminConfig() {
    return adminConfig;
  }

  /** The client properties file of a role ({@code validate}, {@code score}...). */
  Path config(String role) {
    return directory.resolve(role + ".properties");
  }

  /** A role's settings, loaded from its file as the command line loads them. */
  KafkaSettings settings(String role) {
    return KafkaSettings.load(broker.bootstrap(), config(role));
  }

  /** A file with {@code user}'s SCRAM credentials written inline. */
  Path inlineConfig(String name, String user, String password) throws IOException {
    return store(directory.resolve(name), EmbeddedKafkaBroker.scramClientProperties(user, password));
  }

  @Override
  public void close() {
    broker.close();
  }

  /** {@code User:argus-validator} signs in as {@code argus-validator}. */
  private static String user(RoleAccess role) {
    return role.principal().substring("User:".length());
  }

  private static Map<String, String> roleProperties(String user, String password, boolean environment) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("security.protocol", "SASL_PLAINTEXT");
    properties.put("sasl.mechanism", EmbeddedKafkaBroker.SCRAM_MECHANISM);
    String provider = environment ? "env" : "file";
    properties.put("config.providers", provider);
    properties.put("config.providers." + provider + ".class", "org.apache.kafka.common.config.provider."
        + (environment ? "EnvVarConfigProvider" : "FileConfigProvider"));
    properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
        + "username=\"" + user + "\" password=\"" + password + "\";");
    return properties;
  }

  private static Path store(Path file, Map<String, String> properties) throws IOException {
    Properties stored = new Properties();
    stored.putAll(properties);
    try (Writer writer = Files.newBufferedWriter(file)) {
      stored.store(writer, null);
    }
    return file;
  }
}
