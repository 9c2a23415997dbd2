package io.argus.ingestion.handbook;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The columns of the Fraud Detection Handbook's transaction files, which the file reader reads and the simulator
 * writes: {@code TRANSACTION_ID, TX_DATETIME (yyyy-MM-dd HH:mm:ss, UTC), CUSTOMER_ID, TERMINAL_ID, TX_AMOUNT,
 * TX_TIME_SECONDS, TX_TIME_DAYS, TX_FRAUD (0/1), TX_FRAUD_SCENARIO}.
 */
public final class HandbookCsv {

  public static final String TRANSACTION_ID = "TRANSACTION_ID";
  public static final String TX_DATETIME = "TX_DATETIME";
  public static final String CUSTOMER_ID = "CUSTOMER_ID";
  public static final String TERMINAL_ID = "TERMINAL_ID";
  public static final String TX_AMOUNT = "TX_AMOUNT";
  public static final String TX_TIME_SECONDS = "TX_TIME_SECONDS";
  public static final String TX_TIME_DAYS = "TX_TIME_DAYS";
  public static final String TX_FRAUD = "TX_FRAUD";
  public static final String TX_FRAUD_SCENARIO = "TX_FRAUD_SCENARIO";

  /** Every column, in the handbook's order. */
  public static final List<String> COLUMNS = List.of(TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID,
      TX_AMOUNT, TX_TIME_SECONDS, TX_TIME_DAYS, TX_FRAUD, TX_FRAUD_SCENARIO);

  /** The columns a file must have to be read; the others are optional (no TX_FRAUD: no labels). */
  public static final List<String> REQUIRED = List.of(TRANSACTION_ID, TX_DATETIME, CUSTOMER_ID, TERMINAL_ID,
      TX_AMOUNT);

  /** How TX_DATETIME is written; always UTC. */
  public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);

  /** The currency of the handbook's amounts. */
  public static final String CURRENCY = "EUR";

  private HandbookCsv() {
  }

  public static String header() {
    return String.join(",", COLUMNS);
  }
}
