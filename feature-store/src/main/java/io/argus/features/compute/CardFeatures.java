package io.argus.features.compute;

import java.util.List;

/**
 * A card's features at one transaction: that transaction as a sequence step, its velocity and amount relative to
 * the card's mean, and its recent steps (at most the sequence length, oldest first, this one last).
 */
public record CardFeatures(CardStep step, double amountOverMean, double countShort, double countLong,
    List<CardStep> recentSteps) {
}
