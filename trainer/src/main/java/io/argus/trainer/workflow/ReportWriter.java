package io.argus.trainer.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.argus.features.offline.DatasetSplit;
import io.argus.trainer.evaluation.Curves;
import io.argus.trainer.evaluation.Evaluation;
import io.argus.trainer.evaluation.HandbookBaselines;
import io.argus.trainer.training.FraudTrainer.DataSummary;
import io.argus.trainer.training.FraudTrainer.TrainingRun;
import io.argus.trainer.training.TrainingHistory;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Writes a training report into a directory: {@code metrics.json} (every figure), {@code report.md} (the training
 * steps in order: data preparation, initialisation, forward pass and loss, backpropagation and updates, epochs,
 * validation, the test evaluation that gates release, fairness, the decision) and three PNG plots:
 * {@code training-curves.png} (losses above, validation average precision below, each on its own axis),
 * {@code precision-recall.png}, {@code roc.png}.
 */
public final class ReportWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int WIDTH = 800;
  private static final int HEIGHT = 500;
  private static final int CURVES_HEIGHT = 640;
  private static final Color TRAINING_LOSS_COLOUR = new Color(0x1f77b4);
  private static final Color VALIDATION_LOSS_COLOUR = new Color(0xff7f0e);
  private static final Color VALIDATION_PRECISION_COLOUR = new Color(0x2ca02c);

  private ReportWriter() {
  }

  public static void write(TrainingOutcome outcome) {
    Path directory = outcome.reportDirectory();
    try {
      Files.createDirectories(directory);
      Map<String, Object> json = new LinkedHashMap<>(outcome.summary());
      json.put("hyper_parameters", outcome.run().parameters().asMap());
      json.put("data", outcome.run().data());
      json.put("epochs", outcome.run().history().epochs());
      json.put("stop_reason", outcome.run().history().stopReason());
      json.put("segments", outcome.evaluation().segments());
      json.put("decision", outcome.decision().reason());
      JSON.writeValue(directory.resolve("metrics.json").toFile(), json);
      save(trainingCurves(outcome.run().history()), directory.resolve("training-curves.png"), CURVES_HEIGHT);
      double[] scores = outcome.scored().scores();
      boolean[] frauds = outcome.scored().frauds();
      plot("Precision-recall (test window)", "recall", "precision", Curves.precisionRecall(scores, frauds),
          directory.resolve("precision-recall.png"));
      plot("ROC (test window)", "false positive rate", "true positive rate", Curves.roc(scores, frauds),
          directory.resolve("roc.png"));
      Files.writeString(directory.resolve("report.md"), markdown(outcome));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report into " + directory, e);
    }
  }

  static String markdown(TrainingOutcome outcome) {
    TrainingRun run = outcome.run();
    DataSummary data = run.data();
    Evaluation evaluation = outcome.evaluation();
    TrainingHistory history = run.history();
    StringBuilder text = new StringBuilder();
    text.append("# ").append(outcome.model().name()).append(' ').append(outcome.model().version()).append("\n\n");
    text.append("## 1. Data preparation\n\n").append(String.format(Locale.ROOT,
        "- training window %s: %,d transactions, %,d frauds (%.3f %%)%n"
            + "- validation window %s: %,d transactions, %,d frauds (%.3f %%), for early stopping only%n"
            + "- test window %s: %,d transactions, %,d frauds (%.3f %%), known-compromised customers removed%n"
            + "- normalisation per fraud_v1's declaration (none, standardise, log-standardise), fitted on the "
            + "training window only; sequences of %s steps, padded at the front, with a presence flag and a "
            + "position channel%n%n",
        window(outcome.split().trainWindow()), data.trainCount(), data.trainFrauds(), data.trainFraudRate() * 100,
        window(outcome.split().validationWindow()), data.validationCount(), data.validationFrauds(),
        data.validationFraudRate() * 100, window(outcome.split().testWindow()), evaluation.transactions(),
        evaluation.frauds(), evaluation.transactions() == 0 ? 0.0
            : 100.0 * evaluation.frauds() / evaluation.transactions(),
        run.model().sequenceFeatureNames().isEmpty() ? "no" : "10"));
    text.append("## 2. Initialisation\n\n").append(String.format(Locale.ROOT,
        "%s. %,d parameters, Xavier initialisation (LSTM forget-gate bias 1), seed %d.%n%n",
        run.parameters().describe(), run.parameterCount(), run.parameters().seed()));
    text.append("## 3. Forward pass, loss, backpropagation, parameter updates\n\n").append(String.format(Locale.ROOT,
        "Each mini-batch of %d runs forward through the network to one sigmoid output; the loss is binary "
            + "cross-entropy with frauds weighted %.2f (legitimate 1) plus L2; Deeplearning4j backpropagates "
            + "(through time, for the LSTM) and Adam updates every parameter.%n%n",
        run.parameters().batchSize(), run.fraudWeight()));
    text.append("## 4. Epochs and validation\n\n![training curves](training-curves.png)\n\n")
        .append("| epoch | training loss | validation loss | validation AP | seconds |\n|---|---|---|---|---|\n");
    for (TrainingHistory.Epoch epoch : history.epochs()) {
      text.append(String.format(Locale.ROOT, "| %d%s | %.4f | %.4f | %.4f | %.1f |%n", epoch.number(),
          epoch.number() == history.bestEpoch() ? " (kept)" : "", epoch.trainingLoss(), epoch.validationLoss(),
          epoch.validationAveragePrecision(), epoch.seconds()));
    }
    text.append(String.format(Locale.ROOT, "%nStopped: %s. Kept epoch %d. Training took %.1f s.%n%n",
        history.stopReason(), history.bestEpoch(), run.trainingSeconds()));
    text.append("## 5. Test evaluation (the release gate)\n\n")
        .append(HandbookBaselines.comparisonTable(run.parameters().family().id(), evaluation))
        .append(String.format(Locale.ROOT, "%nBrier score %.5f. Alerting on %.1f %% of transactions needs a "
                + "threshold of %.4f: true positive rate %.3f, false positive rate %.4f.%n%n",
            evaluation.brierScore(), evaluation.alertRate() * 100, evaluation.threshold(),
            evaluation.truePositiveRate(), evaluation.falsePositiveRate()))
        .append("![precision-recall](precision-recall.png) ![ROC](roc.png)\n\n");
    text.append("## 6. Fairness: rates per customer segment at that threshold\n\n")
        .append("| dimension | segment | transactions | frauds | true positive rate | false positive rate |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Evaluation.SegmentRates segment : evaluation.segments()) {
      text.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.3f | %.4f |%n", segment.dimension(),
          segment.segment(), segment.transactions(), segment.frauds(), segment.truePositiveRate(),
          segment.falsePositiveRate()));
    }
    text.append("\n## 7. Release decision\n\n").append(outcome.decision().reason())
        .append(outcome.championVersion() == null ? "" : " (champion was " + outcome.championVersion() + ")")
        .append(". Artifact SHA-256 ").append(outcome.model().sha256()).append(".\n");
    return text.toString();
  }

  private static String window(DatasetSplit.Window window) {
    return "[" + window.from() + ", " + window.to() + ")";
  }

  /**
   * The training curves as two panels over the same epochs, each with its own value axis: the training and validation
   * losses (a few hundredths) above, the validation average precision (near 0.8) below, so neither flattens the
   * other; a dashed line marks the epoch that was kept.
   */
  static JFreeChart trainingCurves(TrainingHistory history) {
    XYSeries trainingLoss = new XYSeries("training loss");
    XYSeries validationLoss = new XYSeries("validation loss");
    XYSeries validationPrecision = new XYSeries("validation average precision");
    for (TrainingHistory.Epoch epoch : history.epochs()) {
      trainingLoss.add(epoch.number(), epoch.trainingLoss());
      validationLoss.add(epoch.number(), epoch.validationLoss());
      validationPrecision.add(epoch.number(), epoch.validationAveragePrecision());
    }
    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(trainingLoss);
    losses.addSeries(validationLoss);
    NumberAxis epochs = new NumberAxis("epoch");
    epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    epochs.setAutoRangeIncludesZero(false);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
    plot.setGap(12);
    plot.add(panel(losses, "loss", history.bestEpoch(), TRAINING_LOSS_COLOUR, VALIDATION_LOSS_COLOUR), 1);
    plot.add(panel(new XYSeriesCollection(validationPrecision), "validation average precision", history.bestEpoch(),
        VALIDATION_PRECISION_COLOUR), 1);
    JFreeChart chart = new JFreeChart("Training curves (dashed: the epoch kept)", JFreeChart.DEFAULT_TITLE_FONT,
        plot, true);
    ChartUtils.applyCurrentTheme(chart);
    return chart;
  }

  private static XYPlot panel(XYSeriesCollection series, String axisLabel, int keptEpoch, Color... colours) {
    NumberAxis values = new NumberAxis(axisLabel);
    values.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setAutoPopulateSeriesPaint(false);
    renderer.setAutoPopulateSeriesStroke(false);
    for (int i = 0; i < colours.length; i++) {
      renderer.setSeriesPaint(i, colours[i]);
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot panel = new XYPlot(series, null, values, renderer);
    ValueMarker kept = new ValueMarker(keptEpoch, Color.DARK_GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    panel.addDomainMarker(kept);
    return panel;
  }

  private static void plot(String title, String xLabel, String yLabel, List<Curves.Point> points, Path file)
      throws IOException {
    XYSeries series = new XYSeries(title, false);
    for (Curves.Point point : points) {
      series.add(point.x(), point.y());
    }
    save(ChartFactory.createXYLineChart(title, xLabel, yLabel, new XYSeriesCollection(series),
        PlotOrientation.VERTICAL, false, false, false), file, HEIGHT);
  }

  private static void save(JFreeChart chart, Path file, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
  }
}
