package io.argus.features.compute;

import java.util.List;

/**
 * A card's features at one transaction: that transaction as a sequence step, its velocity, its amount relative to
 * the card's mean and to the median of the card's earlier amounts, the card's largest amount of the last 7 days
 * relative to that median, and its recent steps (at most the sequence length, oldest first, this one last).
 */
public record CardFeatures(CardStep step, double amountOverMean, double amountOverMedian,
    double recentMaximumOverMedian, double countShort, double countLong, List<CardStep> recentSteps) {
}
