package io.argus.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How a role reaches Kafka: the bootstrap servers and the client properties of its {@code --kafka-config} file
 * (security protocol, SASL, TLS, timeouts...), applied alike to every producer, consumer, admin client, Kafka Streams
 * application and Flink Kafka source and sink of the role. Secrets stay out of flags and out of this object: the file
 * names one of Kafka's config providers ({@code config.providers=env} with
 * {@code org.apache.kafka.common.config.provider.EnvVarConfigProvider}, then {@code ${env:NAME}}; or {@code file} with
 * {@code FileConfigProvider} and {@code ${file:/path/secrets.properties:key}}) and every client resolves the reference
 * itself, where it runs. {@link #load} checks the file once: it exists and reads, every reference resolves here, and
 * the values Kafka's client configurations know are valid; anything else is one {@link KafkaSettingsException}.
 *
 * <p>Precedence, the same in every role: the role's own settings (flags, group and application ids, serializers)
 * over the file, the file over the role's defaults ({@link #clientProperties(Map)}).
 */
public final class KafkaSettings {

  private static final String BOOTSTRAP = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
  private static final String PROVIDERS = AbstractConfig.CONFIG_PROVIDERS_CONFIG;
  /** A config provider reference, {@code ${provider:[path:]key}} (the pattern of Kafka's ConfigTransformer). */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(([^}]*?):)?([^}]*?)\\}");

  private final String bootstrap;
  private final Map<String, String> properties;
  private final KafkaClientListener listener;

  private KafkaSettings(String bootstrap, Map<String, String> properties, KafkaClientListener listener) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new KafkaSettingsException("no Kafka bootstrap servers given");
    }
    this.bootstrap = bootstrap.strip();
    Map<String, String> copy = new LinkedHashMap<>(properties);
    copy.remove(BOOTSTRAP);
    this.properties = Collections.unmodifiableMap(copy);
    this.listener = listener;
  }

  /** A cluster reached without extra settings (plaintext, no authentication). */
  public static KafkaSettings of(String bootstrap) {
    return of(bootstrap, Map.of());
  }

  /** A cluster reached with {@code properties} (not checked: {@link #load} checks a file). */
  public static KafkaSettings of(String bootstrap, Map<String, ?> properties) {
    Map<String, String> strings = new LinkedHashMap<>();
    properties.forEach((name, value) -> strings.put(name, String.valueOf(value)));
    return new KafkaSettings(bootstrap, strings, KafkaClientListener.NONE);
  }

  /**
   * Reads and checks a client properties file.
   *
   * @param bootstrap the bootstrap servers of a flag, or {@code null} to take {@code bootstrap.servers} from the file
   * @param file the properties file, or {@code null} for none
   * @throws KafkaSettingsException (one line, naming the file and the property) when the file is missing or
   *     unreadable, a reference to a config provider does not resolve, a value is invalid, or no bootstrap servers
   *     are given at all
   */
  public static KafkaSettings load(String bootstrap, Path file) {
    if (file == null) {
      if (bootstrap == null || bootstrap.isBlank()) {
        throw new KafkaSettingsException("give the Kafka cluster with --bootstrap HOST:PORT (or bootstrap.servers "
            + "in --kafka-config)");
      }
      return of(bootstrap);
    }
    String origin = "--kafka-config " + file;
    Map<String, String> properties = read(origin, file);
    String servers = bootstrap != null && !bootstrap.isBlank() ? bootstrap : properties.get(BOOTSTRAP);
    if (servers == null || servers.isBlank()) {
      throw new KafkaSettingsException("give the Kafka cluster with --bootstrap HOST:PORT or bootstrap.servers in "
          + origin);
    }
    check(origin, servers, properties);
    return new KafkaSettings(servers, properties, KafkaClientListener.NONE);
  }

  /** The bootstrap servers, {@code host:port[,host:port...]}. */
  public String bootstrap() {
    return bootstrap;
  }

  /** The file's properties as written (references unresolved), without {@code bootstrap.servers}. */
  public Map<String, String> properties() {
    return properties;
  }

  /** The properties for any Kafka client: the file's and the bootstrap servers. */
  public Properties clientProperties() {
    return clientProperties(Map.of());
  }

  /** {@code defaults}, then the file's properties over them, then the bootstrap servers. */
  public Properties clientProperties(Map<String, ?> defaults) {
    Properties client = new Properties();
    client.putAll(defaults);
    client.putAll(properties);
    client.put(BOOTSTRAP, bootstrap);
    return client;
  }

  /** These settings, telling {@code listener} about every typed client built from them ({@link KafkaClients}). */
  public KafkaSettings withListener(KafkaClientListener listener) {
    return new KafkaSettings(bootstrap, properties, listener);
  }

  public KafkaClientListener listener() {
    return listener;
  }

  /**
   * For logs and messages, without secrets: {@code 127.0.0.1:9092 (SASL_SSL, SCRAM-SHA-512)}, or just the servers
   * when the file sets no security protocol.
   */
  public String describe() {
    String protocol = properties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    if (protocol == null) {
      return bootstrap;
    }
    String mechanism = properties.get(SaslConfigs.SASL_MECHANISM);
    return bootstrap + " (" + protocol + (protocol.startsWith("SASL") ? ", " + (mechanism == null
        ? SaslConfigs.DEFAULT_SASL_MECHANISM : mechanism) : "") + ")";
  }

  @Override
  public String toString() {
    return "KafkaSettings[" + describe() + ", properties " + new TreeMap<>(properties).keySet() + "]";
  }

  private static Map<String, String> read(String origin, Path file) {
    Properties loaded = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      loaded.load(reader);
    } catch (NoSuchFileException e) {
      throw new KafkaSettingsException(origin + ": no such file");
    } catch (AccessDeniedException e) {
      throw new KafkaSettingsException(origin + ": not allowed to read it");
    } catch (IOException e) {
      throw new KafkaSettingsException(origin + ": cannot read it (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      throw new KafkaSettingsException(origin + ": not a properties file (" + e.getMessage() + ")");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    loaded.stringPropertyNames().stream().sorted().forEach(name -> properties.put(name, loaded.getProperty(name)));
    return properties;
  }

  /**
   * Resolves the config provider references as a client will, then checks that none is left unresolved and that
   * the admin, producer and consumer configurations accept every value they know.
   */
  private static void check(String origin, String bootstrap, Map<String, String> properties) {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(BOOTSTRAP, bootstrap);
    for (String provider : providerNames(properties.get(PROVIDERS))) {
      checkProviderClass(origin, provider, properties.get(PROVIDERS + "." + provider + ".class"));
    }
    Map<String, Object> resolved;
    try {
      resolved = new AbstractConfig(new ConfigDef(), config, false).originals();
    } catch (KafkaException e) {
      throw new KafkaSettingsException(origin + ": the config providers cannot be set up (" + e.getMessage() + ")");
    }
    Set<String> providers = Set.copyOf(providerNames(properties.get(PROVIDERS)));
    resolved.forEach((name, value) -> {
      Matcher reference = REFERENCE.matcher(String.valueOf(value));
      if (reference.find()) {
        String provider = reference.group(1);
        throw new KafkaSettingsException(origin + ": " + name + " refers to " + reference.group() + ", which "
            + (providers.contains(provider) ? "does not resolve here (is the variable, file or key there?)"
            : "names no config provider of " + PROVIDERS + " (for example config.providers=env and "
            + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider)"));
      }
    });
    try {
      AdminClientConfig.configDef().parse(resolved);
      Map<String, Object> producer = new HashMap<>(resolved);
      producer.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      producer.putIfAbsent(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
      ProducerConfig.configDef().parse(producer);
      Map<String, Object> consumer = new HashMap<>(resolved);
      consumer.putIfAbsent(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      consumer.putIfAbsent(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      ConsumerConfig.configDef().parse(consumer);
    } catch (KafkaException e) {
      throw new KafkaSettingsException(origin + ": " + e.getMessage());
    }
  }

  /** Checked here so that a wrong class is one line, not the stack trace Kafka logs when it cannot load one. */
  private static void checkProviderClass(String origin, String provider, String className) {
    String property = PROVIDERS + "." + provider + ".class";
    if (className == null || className.isBlank()) {
      throw new KafkaSettingsException(origin + ": config provider '" + provider + "' has no " + property);
    }
    try {
      Class<?> type = Class.forName(className.strip(), false, KafkaSettings.class.getClassLoader());
      if (!ConfigProvider.class.isAssignableFrom(type)) {
        throw new KafkaSettingsException(origin + ": " + property + " " + className + " is not a Kafka "
            + ConfigProvider.class.getName());
      }
    } catch (ClassNotFoundException | LinkageError e) {
      throw new KafkaSettingsException(origin + ": " + property + " names a class that is not here: " + className);
    }
  }

  private static List<String> providerNames(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
  }
}
