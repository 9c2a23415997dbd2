package io.argus.forecaster;

/**
 * The hyper-parameters of {@link LstmForecaster}, in one place.
 *
 * @param seasonalLags how many past periods the seasonal baseline averages (28: four weeks of days)
 * @param hiddenUnits LSTM cells
 * @param epochs the most passes over the training examples
 * @param patience stop after this many epochs without a better validation loss (the best epoch's weights stay)
 * @param batchSize examples per gradient step
 * @param learningRate Adam's step size
 * @param maxExamples training origins at most (evenly spaced over the training part)
 * @param validationFraction the most recent share of the training origins, held out for early stopping
 * @param seed weight initialisation and shuffling
 */
public record LstmSettings(int seasonalLags, int hiddenUnits, int epochs, int patience, int batchSize,
    double learningRate, int maxExamples, double validationFraction, long seed) {

  public LstmSettings {
    requirePositive("seasonalLags", seasonalLags);
    requirePositive("hiddenUnits", hiddenUnits);
    requirePositive("epochs", epochs);
    requirePositive("patience", patience);
    requirePositive("batchSize", batchSize);
    requirePositive("maxExamples", maxExamples);
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learningRate must be positive, got " + learningRate);
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
    }
  }

  /** 28 seasonal lags, 32 cells, up to 40 epochs (patience 5), batches of 64, Adam 0.005, 4000 examples, seed 42. */
  public static LstmSettings defaults() {
    return new LstmSettings(28, 32, 40, 5, 64, 0.005, 4000, 0.15, 42);
  }

  public LstmSettings withEpochs(int epochs) {
    return new LstmSettings(seasonalLags, hiddenUnits, epochs, patience, batchSize, learningRate, maxExamples,
        validationFraction, seed);
  }

  public LstmSettings withSeasonalLags(int seasonalLags) {
    return new LstmSettings(seasonalLags, hiddenUnits, epochs, patience, batchSize, learningRate, maxExamples,
        validationFraction, seed);
  }

  public LstmSettings withSeed(long seed) {
    return new LstmSettings(seasonalLags, hiddenUnits, epochs, patience, batchSize, learningRate, maxExamples,
        validationFraction, seed);
  }


  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + value);
    }
  }
}
