package io.argus.features.compute;

/** One transaction of a customer, as the customer's history keeps it. */
public record CustomerPayment(String transactionId, long eventTime, double amount) {
}
