package io.argus.scorer;

import io.argus.avro.FeatureVector;
import io.argus.model.ModelInput;

/**
 * One transaction's feature vector as the scorer reads it: identifiers and times, and the values straight in the
 * primitive arrays a model reads ({@link FeatureVectorReader} decodes the current writer schema into it directly).
 *
 * @param eventTime, ingestTime, computedAt epoch milliseconds ({@code ingestTime} and {@code computedAt} 0 when the
 *     writer did not say)
 */
public record TransactionFeatures(String transactionId, long eventTime, String cardToken, String customerId,
    String terminalId, String featureSetVersion, ModelInput input, long ingestTime, long computedAt) {

  /** The same content as a decoded {@link FeatureVector}. */
  public static TransactionFeatures of(FeatureVector vector) {
    return new TransactionFeatures(vector.getTransactionId(), vector.getEventTime().toEpochMilli(),
        vector.getCardToken(), vector.getCustomerId(), vector.getTerminalId(), vector.getFeatureSetVersion(),
        ModelInput.of(vector), vector.getIngestTime().toEpochMilli(), vector.getComputedAt().toEpochMilli());
  }
}
