package io.argus.features.offline;

import io.argus.avro.FeatureVector;
import io.argus.features.FeatureDefinition;
import io.argus.features.FraudV1;
import io.argus.features.compute.EventOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the offline store as CSV: ids, event time, one column per {@code fraud_v1} feature named as declared (and
 * optionally each sequence step, {@code SEQ_AMOUNT_9} the oldest to {@code SEQ_AMOUNT_0} the current transaction),
 * then {@code TX_FRAUD}: 1 or 0 when a label is in the store, empty when none is. One date partition at a time,
 * rows in event order.
 */
public final class FeatureCsv {

  private static final Comparator<FeatureVector> ORDER = Comparator.comparing(FeatureVector::getEventTime)
      .thenComparing(FeatureVector::getTransactionId, EventOrder.TRANSACTION_ID);

  private FeatureCsv() {
  }

  /** Writes every vector of the store; returns the number of rows. */
  public static long export(OfflineStore store, Writer out, boolean withSequence) {
    try {
      out.write(String.join(",", header(withSequence)) + "\n");
      long rows = 0;
      for (LocalDate date : store.dates(OfflineLayout.FEATURES)) {
        Map<String, Boolean> labels = new HashMap<>();
        store.labels(date, date.plusDays(1), label -> labels.merge(label.getTransactionId(), label.getFraud(),
            Boolean::logicalOr));
        List<FeatureVector> vectors = new ArrayList<>();
        store.features(date, date.plusDays(1), vectors::add);
        vectors.sort(ORDER);
        for (FeatureVector vector : vectors) {
          out.write(row(vector, labels.get(vector.getTransactionId()), withSequence));
          rows++;
        }
      }
      out.flush();
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the CSV export", e);
    }
  }

  static List<String> header(boolean withSequence) {
    List<String> columns = new ArrayList<>(List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID"));
    columns.addAll(FraudV1.FEATURE_SET.staticNames());
    if (withSequence) {
      for (int stepsBack = FraudV1.SEQUENCE_LENGTH - 1; stepsBack >= 0; stepsBack--) {
        for (String name : FraudV1.FEATURE_SET.sequenceStepNames()) {
          columns.add(name + "_" + stepsBack);
        }
      }
    }
    columns.add("TX_FRAUD");
    return columns;
  }

  private static String row(FeatureVector vector, Boolean fraud, boolean withSequence) {
    StringBuilder row = new StringBuilder()
        .append(text(vector.getTransactionId())).append(',').append(vector.getEventTime()).append(',')
        .append(text(vector.getCustomerId())).append(',').append(text(vector.getTerminalId()));
    appendValues(row, vector.getValues(), FraudV1.FEATURE_SET.staticFeatures());
    if (withSequence) {
      for (List<Double> step : vector.getSequence()) {
        appendValues(row, step, FraudV1.FEATURE_SET.sequenceStep());
      }
    }
    return row.append(',').append(fraud == null ? "" : fraud ? "1" : "0").append('\n').toString();
  }

  private static void appendValues(StringBuilder row, List<Double> values, List<FeatureDefinition> features) {
    for (int i = 0; i < values.size(); i++) {
      double value = values.get(i);
      row.append(',');
      if (features.get(i).type() == FeatureDefinition.Type.REAL) {
        row.append(value);
      } else {
        row.append((long) value);
      }
    }
  }

  /** Quotes a value that holds a comma or a quote (ids are free text). */
  private static String text(CharSequence value) {
    String text = value.toString();
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
