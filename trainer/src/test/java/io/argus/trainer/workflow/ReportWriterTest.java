package io.argus.trainer.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.argus.trainer.training.TrainingHistory;
import io.argus.trainer.training.TrainingHistory.Epoch;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

/** The training-curves chart, inspected as JFreeChart objects: which series sit on which axis, and its ranges. */
class ReportWriterTest {

  /** Losses of a few hundredths and a validation average precision between 0.7 and 0.8, as a real run has. */
  private static final TrainingHistory HISTORY = new TrainingHistory(List.of(
      epoch(1, 0.050, 0.041, 0.70),
      epoch(2, 0.031, 0.030, 0.76),
      epoch(3, 0.018, 0.027, 0.80),
      epoch(4, 0.010, 0.029, 0.78)), 3, "validation average precision did not improve for 1 epoch");

  @Test
  void shouldDrawTheLossesAndTheValidationPrecisionInTwoPanelsSharingTheEpochs() {
    JFreeChart chart = ReportWriter.trainingCurves(HISTORY);

    assertThat(chart.getPlot()).isInstanceOf(CombinedDomainXYPlot.class);
    List<XYPlot> panels = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
    assertThat(panels).hasSize(2);
    assertThat(seriesNames(panels.get(0))).containsExactly("training loss", "validation loss");
    assertThat(seriesNames(panels.get(1))).containsExactly("validation average precision");
    assertThat(panels.get(0).getRangeAxis()).isNotSameAs(panels.get(1).getRangeAxis());
    assertThat(panels.get(0).getRangeAxis().getLabel()).isEqualTo("loss");
    assertThat(panels.get(1).getRangeAxis().getLabel()).isEqualTo("validation average precision");
  }

  @Test
  void shouldFitEachAxisToItsOwnSeries() {
    List<XYPlot> panels = ((CombinedDomainXYPlot) ReportWriter.trainingCurves(HISTORY).getPlot()).getSubplots();

    Range loss = panels.get(0).getRangeAxis().getRange();
    Range precision = panels.get(1).getRangeAxis().getRange();
    // the losses span most of their axis instead of a flat line at the bottom of a 0-0.8 one
    assertThat(loss.getLowerBound()).isLessThanOrEqualTo(0.010);
    assertThat(loss.getUpperBound()).isBetween(0.050, 0.06);
    assertThat(precision.getLowerBound()).isBetween(0.65, 0.70);
    assertThat(precision.getUpperBound()).isBetween(0.80, 0.85);
  }

  @Test
  void shouldMarkTheKeptEpochInBothPanels() {
    List<XYPlot> panels = ((CombinedDomainXYPlot) ReportWriter.trainingCurves(HISTORY).getPlot()).getSubplots();

    for (XYPlot panel : panels) {
      Collection<?> markers = panel.getDomainMarkers(Layer.FOREGROUND);
      assertThat(markers).singleElement().isInstanceOfSatisfying(ValueMarker.class,
          marker -> assertThat(marker.getValue()).isEqualTo(3.0));
    }
  }

  private static List<String> seriesNames(XYPlot panel) {
    XYDataset dataset = panel.getDataset();
    return IntStream.range(0, dataset.getSeriesCount())
        .mapToObj(series -> dataset.getSeriesKey(series).toString()).toList();
  }

  private static Epoch epoch(int number, double trainingLoss, double validationLoss, double averagePrecision) {
    return new Epoch(number, trainingLoss, validationLoss, averagePrecision, 1.0);
  }
}
