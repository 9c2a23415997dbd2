package io.argus.scorer.explain;

import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interventional value function of one explanation: {@code v(S)} is the weighted mean, over the background rows
 * {@code b}, of the model's score on the input whose groups in {@code S} come from the transaction and whose other
 * groups come from {@code b}. So {@code v(all groups)} is the transaction's score and {@code v(no group)} the base
 * value.
 *
 * <p>It uses the model's two stages: the sequence encoder runs once per distinct (event coalition, background row),
 * and is skipped altogether when the hybrid sequence equals the row's own or the transaction's (their encodings are
 * cached); every coalition then costs only one head evaluation per row, on static values prepared once (a network
 * normalises the transaction's and each row's values once, and mixes the normalised values). Sequences are aligned at
 * the current transaction; a position one side lacks (a card with a shorter history) stays absent in the hybrid.
 *
 * <p>When the model splits its head ({@link FraudModel#splitHead()}: the networks), the first layer is not run per
 * coalition either: the encoding's share of its sum is computed once per distinct encoding, the static values' share
 * once per (static coalition, row), and a coalition adds the two and runs the rest of the head. The first layer reads
 * every input, so this takes the largest layer out of the loop (for a sequence model: each static coalition recurs
 * once per event coalition). Not thread-safe: one instance per explanation.
 */
final class CoalitionValues {

  /**
   * Above this many static groups the static shares are not tabulated, and the head is not split. Nor is it without
   * event groups: each (static coalition, row) is then evaluated once, and splitting saves nothing.
   */
  private static final int MAX_SPLIT_STATIC_GROUPS = 12;

  private final FraudModel model;
  private final FraudModel.SplitHead split;
  private final GroupLayout layout;
  private final Background background;
  private final ModelInput input;
  private final long staticBits;
  private final long[] featureBits;
  private final long[] differingEventBits;
  private final List<Map<Long, double[]>> encodingCache;
  private final double[][] rowEncodings;
  private final double[] preparedInput;
  private final double[] hybridValues;
  private final double[][] rowEncodingShares;
  private final Map<double[], double[]> encodingShares = new IdentityHashMap<>();
  private final double[][][] staticShares;
  private final double[] firstLayerSum;
  private double[] inputEncoding;
  private int encoderCalls;

  CoalitionValues(FraudModel model, GroupLayout layout, Background background, ModelInput input) {
    this.model = model;
    this.layout = layout;
    this.background = background;
    this.input = input;
    this.staticBits = (1L << layout.staticGroupCount()) - 1;
    this.featureBits = new long[layout.featureCount()];
    for (int feature = 0; feature < featureBits.length; feature++) {
      featureBits[feature] = 1L << layout.groupOfFeature(feature);
    }
    this.differingEventBits = new long[background.size()];
    this.encodingCache = new ArrayList<>(background.size());
    for (int row = 0; row < background.size(); row++) {
      differingEventBits[row] = layout.eventGroupCount() == 0 ? 0 : differingEvents(background.row(row));
      encodingCache.add(new HashMap<>());
    }
    this.rowEncodings = new double[background.size()][];
    this.preparedInput = model.prepareValues(input.values());
    this.hybridValues = new double[layout.featureCount()];
    this.split = layout.eventGroupCount() > 0 && layout.staticGroupCount() <= MAX_SPLIT_STATIC_GROUPS
        ? model.splitHead().orElse(null) : null;
    this.rowEncodingShares = new double[background.size()][];
    this.staticShares = new double[background.size()][split == null ? 0 : 1 << layout.staticGroupCount()][];
    this.firstLayerSum = split == null ? null : new double[split.width()];
  }

  /**
   * Writes {@code v(masks[i])} to {@code values[i]}. Fastest when the masks are sorted, so that coalitions sharing
   * their event groups follow each other.
   */
  void evaluate(long[] masks, double[] values) {
    long loadedEvents = -1;
    for (int i = 0; i < masks.length; i++) {
      long events = masks[i] & ~staticBits;
      if (events != loadedEvents) {
        loadEncodings(events);
        loadedEvents = events;
      }
      values[i] = headValue(masks[i] & staticBits);
    }
  }

  /** How many times the sequence encoder ran, for tests and benchmarks. */
  int encoderCalls() {
    return encoderCalls;
  }

  private double headValue(long staticMask) {
    double sum = 0;
    for (int row = 0; row < rowEncodings.length; row++) {
      sum += background.weight(row) * (split == null
          ? model.scorePrepared(rowEncodings[row], hybridValues(staticMask, row))
          : splitHeadValue(staticMask, row));
    }
    return sum;
  }

  private double splitHeadValue(long staticMask, int row) {
    double[] encodingShare = rowEncodingShares[row];
    double[] valuesShare = staticShares[row][(int) staticMask];
    if (valuesShare == null) {
      valuesShare = new double[firstLayerSum.length];
      split.valuesShare(hybridValues(staticMask, row), valuesShare);
      staticShares[row][(int) staticMask] = valuesShare;
    }
    for (int unit = 0; unit < firstLayerSum.length; unit++) {
      firstLayerSum[unit] = encodingShare[unit] + valuesShare[unit];
    }
    return split.finish(firstLayerSum);
  }

  /** The prepared static values: the transaction's where {@code staticMask} has their group, the row's elsewhere. */
  private double[] hybridValues(long staticMask, int row) {
    double[] rowValues = background.preparedValues(row);
    for (int feature = 0; feature < hybridValues.length; feature++) {
      hybridValues[feature] = (staticMask & featureBits[feature]) != 0 ? preparedInput[feature] : rowValues[feature];
    }
    return hybridValues;
  }

  private void loadEncodings(long events) {
    for (int row = 0; row < rowEncodings.length; row++) {
      rowEncodings[row] = encoding(events & differingEventBits[row], row);
      if (split != null) {
        rowEncodingShares[row] = encodingShares.computeIfAbsent(rowEncodings[row], this::encodingShare);
      }
    }
  }

  /** The row's encoding with the transaction's steps in the {@code relevant} event groups (those that differ). */
  private double[] encoding(long relevant, int row) {
    if (relevant == 0) {
      return background.encoding(row);
    }
    if (relevant == differingEventBits[row]) {
      return inputEncoding();
    }
    return encodingCache.get(row).computeIfAbsent(relevant,
        events -> encode(hybridSequence(events, background.row(row).sequence())));
  }

  /** The encoding's share of the head's first-layer sum; computed once per distinct encoding. */
  private double[] encodingShare(double[] encoding) {
    double[] share = new double[firstLayerSum.length];
    split.encodingShare(encoding, share);
    return share;
  }

  private double[] inputEncoding() {
    if (inputEncoding == null) {
      inputEncoding = encode(input.sequence());
    }
    return inputEncoding;
  }

  private double[] encode(double[][] sequence) {
    encoderCalls++;
    return model.encodeSequence(sequence).clone();
  }

  /** The sequence with the transaction's steps where {@code events} has their group, the row's elsewhere. */
  private double[][] hybridSequence(long events, double[][] rowSequence) {
    double[][] own = input.sequence();
    int length = Math.max(own.length, rowSequence.length);
    double[][] steps = new double[length][];
    int count = 0;
    for (int position = length - 1; position >= 0; position--) {
      double[][] source = (events & (1L << layout.eventGroupOfPosition(position))) != 0 ? own : rowSequence;
      if (position < source.length) {
        steps[count++] = source[source.length - 1 - position];
      }
    }
    return count == length ? steps : Arrays.copyOf(steps, count);
  }

  /** The event groups in which the transaction's steps differ from the row's. */
  private long differingEvents(ModelInput row) {
    double[][] own = input.sequence();
    double[][] other = row.sequence();
    long differing = 0;
    for (int position = 0; position < Math.max(own.length, other.length); position++) {
      double[] ownStep = position < own.length ? own[own.length - 1 - position] : null;
      double[] otherStep = position < other.length ? other[other.length - 1 - position] : null;
      if (!Arrays.equals(ownStep, otherStep)) {
        differing |= 1L << layout.eventGroupOfPosition(position);
      }
    }
    return differing;
  }
}
