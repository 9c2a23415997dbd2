package io.argus.model.features;

import io.argus.model.ModelInput;
import java.util.Arrays;
import java.util.Objects;

/**
 * One transaction's raw features as the named-features JSON carries them ({@link NamedFeaturesJson}): its id (may be
 * {@code null}) and the values a model reads. Two are equal when their ids and values are.
 */
public record NamedFeatures(String transactionId, ModelInput input) {

  public NamedFeatures {
    Objects.requireNonNull(input, "input");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamedFeatures that && Objects.equals(transactionId, that.transactionId)
        && Arrays.equals(input.values(), that.input.values())
        && Arrays.deepEquals(input.sequence(), that.input.sequence());
  }

  @Override
  public int hashCode() {
    return Objects.hash(transactionId, Arrays.hashCode(input.values()), Arrays.deepHashCode(input.sequence()));
  }
}
