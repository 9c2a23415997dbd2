package io.argus.features.compute;

import java.util.List;

/**
 * A customer's history in columns, in {@link EventOrder}: entry {@code i} is the transaction {@code
 * transactionIds[i]} at {@code eventTimes[i]} of {@code amounts[i]}, with {@code idHashes[i]} the id's hash. A
 * transaction's features scan every entry; as columns, the scan reads times and hashes from arrays instead of an
 * object and a string per entry, and the state backend's copy after a checkpoint copies four arrays. Never changed
 * once built: {@link CustomerHistory#withPayment} makes a new one.
 */
public record CustomerPayments(String[] transactionIds, int[] idHashes, long[] eventTimes, double[] amounts) {

  /** No payments. */
  public static final CustomerPayments EMPTY = new CustomerPayments(new String[0], new int[0], new long[0],
      new double[0]);

  /** The entries in columns, in {@link EventOrder} whatever their order in the list (an older checkpoint's). */
  public static CustomerPayments of(List<CustomerPayment> entries) {
    CustomerPayments columns = EMPTY;
    for (CustomerPayment payment : entries) {
      columns = columns.with(payment, Long.MIN_VALUE);
    }
    return columns;
  }

  /** These payments with {@code payment} added in event order, keeping only those after {@code keepAfterSecond}. */
  CustomerPayments with(CustomerPayment payment, long keepAfterSecond) {
    Histories.Placement placement = Histories.Placement.of(eventTimes, transactionIds, keepAfterSecond,
        payment.eventTime(), payment.transactionId());
    return new CustomerPayments(placement.apply(transactionIds, payment.transactionId()),
        placement.apply(idHashes, payment.transactionId().hashCode()),
        placement.apply(eventTimes, payment.eventTime()), placement.apply(amounts, payment.amount()));
  }
}
