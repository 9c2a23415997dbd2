package io.argus.pipeline.dashboard;

import static io.argus.pipeline.dashboard.Fixtures.ONE_MINUTE;
import static io.argus.pipeline.dashboard.Fixtures.T0;
import static io.argus.pipeline.dashboard.Fixtures.forecast;
import static io.argus.pipeline.dashboard.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastBoardTest {

  private final ForecastBoard board = new ForecastBoard(Duration.ofHours(3));

  @Test
  void shouldKeepForEachTimeThePointOfTheLatestForecastIssuedBeforeIt() {
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0, 10, 100));
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0.plus(ONE_MINUTE.multipliedBy(5)), 10, 200));

    Snapshot.Series series = board.view().get(0);

    assertThat(series.forecast()).hasSize(15);
    assertThat(series.forecast().get(4)).isEqualTo(new Snapshot.Point(minute(4), 100, 90, 110));
    assertThat(series.forecast().get(5).mean()).isEqualTo(200);
    assertThat(series.forecast().get(14).time()).isEqualTo(minute(14));
    assertThat(series.issueTime()).isEqualTo(minute(5));
    assertThat(series.method()).isEqualTo("holt_winters");
    assertThat(series.intervalLevel()).isEqualTo(0.9);
  }

  @Test
  void shouldIgnoreAForecastOlderThanTheOneShown() {
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0.plus(ONE_MINUTE), 3, 200));
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0, 3, 100));

    assertThat(board.view().get(0).forecast()).extracting(Snapshot.Point::mean).containsExactly(200.0, 200.0, 200.0);
  }

  @Test
  void shouldCountActualTransactionsOfCompleteMinutesByEventTime() {
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0, 5, 3));
    board.onForecast(forecast(ForecastBoard.AMOUNT_ALL, T0, 5, 30));
    board.onTransaction(tx("t-1", 1_000, T0.plusSeconds(10)));
    board.onTransaction(tx("t-2", 2_550, T0.plusSeconds(59)));
    board.onTransaction(tx("t-3", 500, T0.plusSeconds(61)));
    board.onTransaction(tx("t-4", 700, T0.plusSeconds(150)));

    List<Snapshot.Series> views = board.view();

    assertThat(views.get(0).actual()).containsExactly(
        new Snapshot.Actual(minute(0), 2), new Snapshot.Actual(minute(1), 1));
    assertThat(views.get(1).actual()).containsExactly(
        new Snapshot.Actual(minute(0), 35.5), new Snapshot.Actual(minute(1), 5.0));
  }

  @Test
  void shouldShowNoActualForASegmentSeries() {
    board.onForecast(forecast("count/channel=ONLINE", T0, 5, 3));
    board.onTransaction(tx("t-1", 1_000, T0));
    board.onTransaction(tx("t-2", 1_000, T0.plus(ONE_MINUTE.multipliedBy(2))));

    assertThat(board.view().get(0).actual()).isEmpty();
  }

  @Test
  void shouldDropWhatIsOlderThanItsHistoryAndTrackABoundedNumberOfSeries() {
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0, 60, 100));
    board.onTransaction(tx("t-old", 1_000, T0));
    board.onForecast(forecast(ForecastBoard.COUNT_ALL, T0.plus(Duration.ofHours(4)), 2, 100));
    board.onTransaction(tx("t-1", 1_000, T0.plus(Duration.ofHours(4))));
    board.onTransaction(tx("t-2", 1_000, T0.plus(Duration.ofHours(4)).plus(ONE_MINUTE)));
    for (int i = 0; i < ForecastBoard.MAX_SERIES + 3; i++) {
      board.onForecast(forecast("count/segment=" + i, T0, 1, 1));
    }

    List<Snapshot.Series> views = board.view();

    assertThat(views).hasSize(ForecastBoard.MAX_SERIES);
    assertThat(views.get(0).forecast()).hasSize(2);
    assertThat(views.get(0).actual()).containsExactly(
        new Snapshot.Actual(T0.plus(Duration.ofHours(4)).toEpochMilli(), 1));
  }

  private static long minute(int minutes) {
    return T0.plus(ONE_MINUTE.multipliedBy(minutes)).toEpochMilli();
  }
}
