package io.argus.pipeline.runtime;

import io.argus.ingestion.simulate.SimulatorConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The demo's data directory: what each role keeps where, and the demo's own record of the simulation it plays
 * ({@value #SETTINGS}), which marks the directory as a demo's. A demo started again on the same directory resumes;
 * {@link #prepare(Path, boolean)} with {@code fresh} deletes an earlier demo's data first, and refuses to delete a
 * directory that is not a demo's.
 */
public final class DemoDirectory {

  static final String SETTINGS = "argus-demo.properties";
  static final String LOGS = "logs";

  private final Path root;

  private DemoDirectory(Path root) {
    this.root = root;
  }

  /**
   * The directory at {@code root}, created if missing; with {@code fresh}, an earlier demo's data is deleted first.
   *
   * @throws IllegalArgumentException when {@code root} is not a directory, or holds files but no demo (so it is
   *     neither resumed nor deleted)
   */
  public static DemoDirectory prepare(Path root, boolean fresh) {
    try {
      if (Files.exists(root) && !Files.isDirectory(root)) {
        throw new IllegalArgumentException(root + " is a file, not a directory");
      }
      Files.createDirectories(root);
      boolean demo = Files.isRegularFile(root.resolve(SETTINGS));
      if (!demo && !isEmpty(root)) {
        throw new IllegalArgumentException(root + " holds files but no earlier demo (no " + SETTINGS + "); choose an "
            + "empty or new directory");
      }
      if (demo && fresh) {
        deleteContents(root);
      }
      return new DemoDirectory(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the demo's data directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  /** The settings of the demo that ran here, if one did. */
  private Optional<Properties> settings() {
    return read(root.resolve(SETTINGS));
  }

  private void saveSettings(Properties settings) {
    write(root.resolve(SETTINGS), settings, "the simulation this demo plays; delete the directory to start afresh");
  }

  /**
   * The simulation this directory's demo plays: the one recorded here by an earlier run (its start, seed and
   * population; resuming needs the same simulation), or else the one {@code config} describes, starting
   * {@code config.historyDays()} before {@code today} and recorded here.
   */
  SimulatorConfig simulation(DemoConfig config, LocalDate today) {
    Optional<Properties> earlier = settings();
    if (earlier.isPresent()) {
      Properties recorded = earlier.get();
      DemoConfig resumed = config.withSeed(Long.parseLong(recorded.getProperty("seed")))
          .withPopulation(Integer.parseInt(recorded.getProperty("customers")),
              Integer.parseInt(recorded.getProperty("terminals")));
      return resumed.simulation(Instant.parse(recorded.getProperty("start")));
    }
    Instant start = today.minusDays(config.historyDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
    Properties settings = new Properties();
    settings.setProperty("start", start.toString());
    settings.setProperty("seed", Long.toString(config.seed()));
    settings.setProperty("customers", Integer.toString(config.customers()));
    settings.setProperty("terminals", Integer.toString(config.terminals()));
    saveSettings(settings);
    return config.simulation(start);
  }

  Path kafka() {
    return root.resolve("kafka");
  }

  Path checkpoints() {
    return root.resolve("flink").resolve("checkpoints");
  }

  Path savepoints() {
    return root.resolve("flink").resolve("savepoints");
  }

  Path offlineStore() {
    return root.resolve("offline");
  }

  Path registry() {
    return root.resolve("registry");
  }

  Path validatorState() {
    return root.resolve("validator");
  }

  Path scorerState() {
    return root.resolve("scorer");
  }

  Path tokenKey() {
    return root.resolve("token.key");
  }

  /** The dashboard's users file (password hashes). */
  Path dashboardUsers() {
    return root.resolve("dashboard-users");
  }

  /** The demo users' passwords, in the clear, readable by the owner only. */
  Path dashboardPasswords() {
    return root.resolve("dashboard-passwords.txt");
  }

  Path simulationPosition() {
    return root.resolve("simulation.position");
  }

  /** Where {@code argus demo} writes its full log (rolled beside it). */
  public Path logFile() {
    return root.resolve(LOGS).resolve("argus.log");
  }

  /** The properties in {@code file}, or empty when there is no such file. */
  static Optional<Properties> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(reader);
      return Optional.of(properties);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes {@code properties} to {@code file} atomically: a reader never sees half a file. */
  static void write(Path file, Properties properties, String comment) {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(writer, comment);
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Whether {@code directory} holds nothing but, perhaps, the demo's logs (moved there before the demo started). */
  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(entry -> !entry.getFileName().toString().equals(LOGS)).findAny().isEmpty();
    }
  }

  private static void deleteContents(Path root) throws IOException {
    try (Stream<Path> entries = Files.walk(root)) {
      for (Path path : entries.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(root)) {
          Files.delete(path);
        }
      }
    }
  }
}
