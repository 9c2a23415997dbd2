package io.argus.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.ingestion.simulate.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A demo's data directory records the simulation it plays, so a demo started again resumes the same simulation;
 * {@code fresh} starts over, and a directory that is not a demo's is neither resumed nor deleted.
 */
class DemoDirectoryTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @TempDir
  Path temp;

  @Test
  void shouldStartTheSimulationTheHistoryDaysBeforeTodayAndResumeTheSameOne() {
    DemoConfig config = DemoConfig.DEFAULTS.withDataDirectory(temp.resolve("demo")).withHistoryDays(10)
        .withSeed(5).withPopulation(100, 200);
    SimulatorConfig first = DemoDirectory.prepare(config.dataDirectory(), false).simulation(config, TODAY);

    SimulatorConfig resumed = DemoDirectory.prepare(config.dataDirectory(), false)
        .simulation(config.withSeed(6).withPopulation(300, 600), TODAY.plusDays(2));

    assertThat(first.start()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    assertThat(first.seed()).isEqualTo(5);
    assertThat(first.customers()).isEqualTo(100);
    assertThat(resumed).as("the recorded simulation, not the new flags").isEqualTo(first);
  }

  @Test
  void shouldStartOverWhenFresh() throws IOException {
    DemoConfig config = DemoConfig.DEFAULTS.withDataDirectory(temp.resolve("demo"));
    DemoDirectory.prepare(config.dataDirectory(), false).simulation(config, TODAY);
    Files.writeString(config.dataDirectory().resolve("simulation.position"), "events=10\n");

    DemoDirectory fresh = DemoDirectory.prepare(config.dataDirectory(), true);

    try (Stream<Path> entries = Files.list(fresh.root())) {
      assertThat(entries).isEmpty();
    }
    assertThat(fresh.simulation(config, TODAY.plusDays(1)).start()).as("35 days before the new today")
        .isEqualTo(Instant.parse("2026-10-22T00:00:00Z"));
  }

  @Test
  void shouldTakeADirectoryHoldingOnlyTheDemosLogAsANewOne() throws IOException {
    Path root = temp.resolve("demo");
    DemoDirectory prepared = DemoDirectory.prepare(root, false);
    Files.createDirectories(prepared.logFile().getParent());
    Files.writeString(prepared.logFile(), "the log, moved here before the demo starts\n");

    DemoDirectory again = DemoDirectory.prepare(root, false);

    assertThat(again.logFile()).isEqualTo(root.resolve("logs").resolve("argus.log")).isRegularFile();
  }

  @Test
  void shouldRefuseADirectoryThatHoldsSomethingElse() throws IOException {
    Path other = Files.createDirectories(temp.resolve("photos"));
    Files.writeString(other.resolve("holiday.jpg"), "not a demo");

    assertThatThrownBy(() -> DemoDirectory.prepare(other, true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds files but no earlier demo");
    assertThat(other.resolve("holiday.jpg")).exists();
  }
}
