package io.argus.scorer.explain;

import io.argus.avro.Contribution;
import io.argus.model.FraudModel;
import io.argus.model.ModelInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Explains a score with SHAP values over the groups of a {@link GroupLayout}, against a {@link Background}, with
 * the interventional value function ({@code v(S)} = mean over background rows of the score with the groups outside
 * {@code S} taken from the row): exact Shapley values up to {@link ExplainerConfig#exactMaxGroups()} groups,
 * KernelSHAP above. Stateless and thread-safe; the model passed in must be the calling thread's own copy.
 */
public final class Explainer {

  private static final long KERNEL_SEED = 0x5EED_5EEDL;

  private final GroupLayout layout;
  private final ExplainerConfig config;

  public Explainer(GroupLayout layout, ExplainerConfig config) {
    this.layout = layout;
    this.config = config;
  }

  public GroupLayout layout() {
    return layout;
  }

  public Explanation explain(FraudModel model, Background background, ModelInput input) {
    if (input.values().length != layout.featureCount()) {
      throw new IllegalArgumentException("input has " + input.values().length + " static values, the groups cover "
          + layout.featureCount());
    }
    CoalitionValues values = new CoalitionValues(model, layout, background, input);
    int groups = layout.groupCount();
    ShapleyValues shapley = groups <= config.exactMaxGroups()
        ? ExactShapley.compute(values, groups)
        : KernelShap.compute(values, groups, config.kernelSamples(), KERNEL_SEED);
    List<Contribution> contributions = new ArrayList<>(groups);
    for (int group = 0; group < groups; group++) {
      int feature = layout.singleFeature(group);
      contributions.add(new Contribution(layout.name(group), shapley.values()[group],
          feature < 0 ? null : input.values()[feature]));
    }
    contributions.sort(Comparator.comparingDouble((Contribution contribution) -> -Math.abs(contribution.getValue())));
    return new Explanation(shapley.baseValue(), shapley.score(), contributions);
  }
}
