package io.argus.features.offline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the offline store keeps what: Avro container files under {@code <root>/<table>/date=YYYY-MM-DD/}, one date
 * partition per UTC calendar day. Feature vectors and serving-skew records are partitioned by the event date of their
 * transaction, labels by the date of their transaction, rejected records by the date they were rejected. Files whose
 * name starts with a dot are in progress and not part of the store.
 */
public final class OfflineLayout {

  public static final String FEATURES = "features";
  public static final String LABELS = "labels";
  public static final String REJECTED = "rejected";
  /** {@code ServingSkew}: transactions whose features served online differ from the exact ones stored here. */
  public static final String SKEW = "skew";
  public static final String PARTITION_PREFIX = "date=";
  public static final String FILE_SUFFIX = ".avro";

  private OfflineLayout() {
  }

  /** The partition directory name of an instant: {@code date=2018-07-25}. */
  public static String partition(Instant time) {
    return PARTITION_PREFIX + LocalDate.ofInstant(time, ZoneOffset.UTC);
  }
}
