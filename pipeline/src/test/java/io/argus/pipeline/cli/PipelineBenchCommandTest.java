package io.argus.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchCommandTest {

  @TempDir
  Path directory;

  @Test
  void shouldAskForTheKafkaOfAPipelineMeasuredOnly() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--measure-only");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--measure-only").contains("--bootstrap").hasLineCount(1);
  }

  @Test
  void shouldRefuseSettingsForRolesItDoesNotStart() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--measure-only", "--bootstrap", "127.0.0.1:1",
        "--feature-option", "buffer-timeout=1ms");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--feature-option").contains("run elsewhere").hasLineCount(1);
  }

  @Test
  void shouldKeepTheRegistryForAScorerRunElsewhere() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--registry", directory.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--registry is for --measure-only").hasLineCount(1);
  }

  @Test
  void shouldNameTheModelsItKnows() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--model", "gbm");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'gbm'").contains("lstm, transformer, mlp or demo").hasLineCount(1);
  }

  @Test
  void shouldExplainABadDuration() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--warmup", "a while");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'--warmup'").contains("250ms").hasLineCount(1);
  }

  @Test
  void shouldNameAnUnknownFeatureJobProperty() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--feature-option", "speed=fast");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--feature-option").contains("'speed'").hasLineCount(1);
  }

  @Test
  void shouldNameAMissingPropertiesFile() {
    CommandRun run = CommandRun.of("bench", "pipeline", "--scorer-config", directory.resolve("absent").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scorer-config").contains("no such file").hasLineCount(1);
  }
}
