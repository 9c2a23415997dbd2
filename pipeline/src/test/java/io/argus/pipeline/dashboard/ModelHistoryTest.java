package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.alert;
import static io.argus.pipeline.dashboard.Fixtures.release;
import static io.argus.pipeline.dashboard.Fixtures.scoreBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.argus.avro.Alert;
import io.argus.avro.AlertKind;
import io.argus.avro.ReleaseStatus;
import io.argus.avro.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelHistoryTest {

  private final ModelHistory models = new ModelHistory();

  @Test
  void shouldKeepTheLatestStateOfEachReleaseNewestFirst() {
    models.onRelease(release("lstm", "v1", ReleaseStatus.CHAMPION, 0.61, T0));
    models.onRelease(release("lstm", "v2", ReleaseStatus.CHAMPION, 0.66, T0.plusSeconds(60)));
    models.onRelease(release("lstm", "v1", ReleaseStatus.RETIRED, 0.61, T0));

    Snapshot.Models view = models.view();

    assertThat(view.releases()).extracting(Snapshot.Release::version, Snapshot.Release::status)
        .containsExactly(tuple("v2", "CHAMPION"),
            tuple("v1", "RETIRED"));
    assertThat(view.releases().get(0).metrics()).containsEntry("average_precision", 0.66);
  }

  @Test
  void shouldMergeReleasesAndModelAlertsIntoOnePromotionHistoryNewestFirst() {
    models.onRelease(release("lstm", "v1", ReleaseStatus.CHAMPION, 0.61, T0));
    models.onModelAlert(alert("m-1", AlertKind.MODEL, Severity.CRITICAL, "Refused transformer v3: SHA-256 mismatch",
        T0.plusSeconds(120)));
    models.onRelease(release("transformer", "v3", ReleaseStatus.CHALLENGER_REJECTED, 0.58, T0.plusSeconds(60)));

    assertThat(models.view().history()).extracting(Snapshot.HistoryEntry::kind, Snapshot.HistoryEntry::title,
            Snapshot.HistoryEntry::level)
        .containsExactly(
            tuple("ALERT", "Refused transformer v3: SHA-256 mismatch", "CRITICAL"),
            tuple("RELEASE", "transformer v3", "CHALLENGER_REJECTED"),
            tuple("RELEASE", "lstm v1", "CHAMPION"));
  }

  @Test
  void shouldShowARetrainingDecisionWithItsDecisionAsTheLevel() {
    models.onModelAlert(new Alert("m-2", AlertKind.MODEL, Severity.INFO,
        "retraining lstm skipped: nothing new to learn", T0, Map.of("decision", "SKIPPED", "modelName", "lstm",
            "dataWindow", "2026-10-01T00:00:00Z/2026-10-21T00:00:00Z"), List.of(), Map.of(), List.of()));

    assertThat(models.view().history()).singleElement().satisfies(entry -> {
      assertThat(entry.kind()).isEqualTo("DECISION");
      assertThat(entry.level()).isEqualTo("SKIPPED");
      assertThat(entry.title()).isEqualTo("retraining lstm skipped: nothing new to learn");
      assertThat(entry.detail()).isEqualTo("2026-10-01T00:00:00Z/2026-10-21T00:00:00Z, lstm");
    });
  }

  @Test
  void shouldCountScoresByServingModelMostRecentFirst() {
    models.onScore(scoreBy("lstm", "v1"), 1_000);
    models.onScore(scoreBy("lstm", "v1"), 2_000);
    models.onScore(scoreBy("lstm", "v2"), 3_000);

    assertThat(models.view().serving()).containsExactly(
        new Snapshot.Serving("lstm", "v2", 1, 3_000), new Snapshot.Serving("lstm", "v1", 2, 2_000));
  }

  @Test
  void shouldBoundEveryList() {
    for (int i = 0; i < ModelHistory.HISTORY_LIMIT + 10; i++) {
      models.onRelease(release("lstm", "v" + i, ReleaseStatus.CHAMPION, 0.6, T0.plusSeconds(i)));
      models.onScore(scoreBy("lstm", "v" + i), i);
    }

    Snapshot.Models view = models.view();

    assertThat(view.releases()).hasSize(ModelHistory.RELEASE_LIMIT);
    assertThat(view.releases().get(0).version()).isEqualTo("v109");
    assertThat(view.history()).hasSize(ModelHistory.HISTORY_LIMIT);
    assertThat(view.serving()).hasSize(ModelHistory.SERVING_LIMIT);
  }
}
