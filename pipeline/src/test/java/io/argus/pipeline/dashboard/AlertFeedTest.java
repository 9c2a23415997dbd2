package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.alert;
import static io.argus.pipeline.dashboard.Fixtures.feature;
import static io.argus.pipeline.dashboard.Fixtures.features;
import static io.argus.pipeline.dashboard.Fixtures.fraudAlert;
import static io.argus.pipeline.dashboard.Fixtures.group;
import static io.argus.pipeline.dashboard.Fixtures.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.argus.avro.AlertKind;
import io.argus.avro.Severity;
import io.argus.model.ModelInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFeedTest {

  @Test
  void shouldKeepTheMostRecentAlertsNewestFirstAndCountAWholeEpisode() {
    AlertFeed feed = new AlertFeed(50);
    for (int i = 1; i <= 60; i++) {
      feed.add(fraudAlert("a-" + i, "t-" + i, T0.plusSeconds(i)), null);
    }
    feed.add(alert("deviation-1", AlertKind.FORECAST_DEVIATION, Severity.WARNING, "volume left the interval",
        T0.plusSeconds(61)), null);

    Snapshot.Alerts view = feed.view();

    assertThat(view.total()).isEqualTo(61);
    assertThat(view.byKind()).containsExactlyInAnyOrderEntriesOf(Map.of("FRAUD", 60L, "FORECAST_DEVIATION", 1L));
    assertThat(view.recent()).hasSize(50);
    assertThat(view.recent().get(0).alertId()).isEqualTo("deviation-1");
    assertThat(view.recent().get(1).alertId()).isEqualTo("a-60");
    assertThat(view.recent().get(49).alertId()).isEqualTo("a-12");
  }

  @Test
  void shouldCarryEachAlertsSignedContributionsAndItsTransaction() {
    AlertFeed feed = new AlertFeed(10);
    feed.add(fraudAlert("a-1", "t-1", T0, feature("TX_AMOUNT", 0.41, 950.0), group("event[-1]", 0.12),
        feature("TERMINAL_ID_RISK_7DAY_WINDOW", -0.02, 0.0)), null);

    Snapshot.AlertItem item = feed.view().recent().get(0);

    assertThat(item.transactionId()).isEqualTo("t-1");
    assertThat(item.kind()).isEqualTo("FRAUD");
    assertThat(item.severity()).isEqualTo("CRITICAL");
    assertThat(item.createdAt()).isEqualTo(T0.toEpochMilli());
    assertThat(item.contributions()).containsExactly(
        new Snapshot.ContributionItem("TX_AMOUNT", 0.41, 950.0),
        new Snapshot.ContributionItem("event[-1]", 0.12, null),
        new Snapshot.ContributionItem("TERMINAL_ID_RISK_7DAY_WINDOW", -0.02, 0.0));
    assertThat(item.featuresHeld()).isFalse();
  }

  @Test
  void shouldHoldFeaturesThatArriveBeforeOrAfterTheirAlert() {
    AlertFeed feed = new AlertFeed(10);
    feed.add(fraudAlert("a-early", "t-early", T0), named("t-early"));
    feed.add(fraudAlert("a-late", "t-late", T0), null);
    feed.add(fraudAlert("a-never", "t-never", T0), null);
    feed.attach("t-late", ModelInput.of(features("t-late")));
    feed.attach("t-unrelated", ModelInput.of(features("t-unrelated")));

    assertThat(feed.heldFeatures()).containsOnlyKeys("t-early", "t-late");
    assertThat(feed.heldFeatures().get("t-late")).isEqualTo(named("t-late"));
    assertThat(feed.view().recent()).extracting(Snapshot.AlertItem::featuresHeld).containsExactly(false, true, true);
  }

  @Test
  void shouldLetFeaturesGoWithTheAlertsThatLeaveTheFeed() {
    AlertFeed feed = new AlertFeed(1);
    feed.add(fraudAlert("a-1", "t-1", T0), named("t-1"));
    feed.add(fraudAlert("a-2", "t-2", T0), null);

    assertThat(feed.heldFeatures()).isEmpty();
  }
}
