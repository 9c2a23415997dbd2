package io.argus.trainer.artifact;

import io.argus.features.offline.LabeledVector;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws the SHAP background sample stored in an artifact: raw inputs from the training window, stratified by
 * outcome so the sample keeps the window's fraud rate (at least one fraud when the window has any), seeded.
 */
public final class BackgroundSample {

  private BackgroundSample() {
  }

  public static List<ModelInput> draw(List<LabeledVector> examples, int size, long seed) {
    List<LabeledVector> frauds = new ArrayList<>();
    List<LabeledVector> legitimate = new ArrayList<>();
    for (LabeledVector example : examples) {
      (example.fraud() ? frauds : legitimate).add(example);
    }
    int total = Math.min(size, examples.size());
    int fraudCount = frauds.isEmpty() ? 0
        : Math.min(frauds.size(), Math.max(1, (int) Math.round((double) total * frauds.size() / examples.size())));
    Random random = new Random(seed);
    List<ModelInput> sample = new ArrayList<>();
    pick(frauds, fraudCount, random, sample);
    pick(legitimate, total - fraudCount, random, sample);
    return sample;
  }

  private static void pick(List<LabeledVector> from, int count, Random random, List<ModelInput> into) {
    List<LabeledVector> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, random);
    for (LabeledVector example : shuffled.subList(0, Math.min(count, shuffled.size()))) {
      into.add(ModelInput.of(example.vector()));
    }
  }
}
