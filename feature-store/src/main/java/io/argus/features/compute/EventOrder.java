package io.argus.features.compute;

import java.util.Comparator;

/**
 * The one order in which events are applied to a history: event time, then transaction id, numbers in numeric order
 * ({@code "9"} before {@code "10"}: shorter ids first, then lexicographically). Features of a transaction see the
 * transactions before it in this order, and itself; so ties in time resolve the same way online and offline.
 */
public final class EventOrder {

  /** Compares transaction ids: shorter first, then lexicographically (numeric order for plain numbers). */
  public static final Comparator<String> TRANSACTION_ID =
      Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

  private EventOrder() {
  }

  /** Whether the event ({@code time}, {@code id}) comes at or before ({@code otherTime}, {@code otherId}). */
  public static boolean atOrBefore(long time, String id, long otherTime, String otherId) {
    return time < otherTime || time == otherTime && TRANSACTION_ID.compare(id, otherId) <= 0;
  }

  /**
   * Whether the event ({@code time}, {@code id}) is another transaction than ({@code otherTime}, {@code otherId}) and
   * comes before it: {@link #atOrBefore} without the same id. The ids are compared only when the times do not
   * already decide.
   */
  public static boolean before(long time, String id, long otherTime, String otherId) {
    return before(time, id.hashCode(), id, otherTime, otherId);
  }

  /**
   * {@link #before(long, String, long, String)} with the hash of {@code id} given, as a history in columns keeps it:
   * a scan then reads an id only when the times tie or the hashes agree.
   */
  public static boolean before(long time, int idHash, String id, long otherTime, String otherId) {
    if (time != otherTime) {
      return time < otherTime && !(idHash == otherId.hashCode() && id.equals(otherId));
    }
    return TRANSACTION_ID.compare(id, otherId) < 0;
  }

  /**
   * Whether two transaction ids are the same, by their hash first: histories are scanned with this for every
   * transaction, and a string caches its hash, so the characters of another id are read only when the hashes agree.
   */
  public static boolean sameId(String id, String otherId) {
    return id.hashCode() == otherId.hashCode() && id.equals(otherId);
  }

  /** Whole seconds of an epoch-millisecond time: windows are computed to the second. */
  public static long second(long epochMillis) {
    return Math.floorDiv(epochMillis, 1000L);
  }
}
