package io.argus.pipeline.cli;

import io.argus.features.FraudV1;
import io.argus.ingestion.handbook.HandbookCsv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Fraud Detection Handbook's 15 baseline features of each row of a handbook CSV, computed by brute force from the
 * raw rows with the handbook's definitions (its data set's README), sharing nothing with the feature job but the
 * feature names: an independent check of the job. Every row counts, zero amounts included, as in the handbook's
 * transformed data. A customer window holds the customer's rows up to and including this one in time order, and
 * within one second in the order of their ids: the handbook numbers its rows after sorting them by time, but its file
 * writes some rows of one second against that order (8 pairs of one customer's rows among 1.75 million), and file
 * order would make those 16 rows count each other differently from the feature job, which orders a second's events by
 * id. Also says which rows a zero amount touches: the zero-amount rows and every row whose customer window (30 days)
 * or terminal window (the 30 days before the 7-day delay) holds one.
 */
final class HandbookBaselines {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final long DAY = 86_400L;
  private static final int DELAY_DAYS = 7;

  private final String[] ids;
  private final String[] customers;
  private final String[] terminals;
  private final long[] seconds;
  private final double[] amounts;
  private final boolean[] frauds;
  private final Map<String, Integer> rowOf;
  private final Map<String, int[]> byCustomer;
  private final Map<String, int[]> byTerminal;
  private final boolean[] touchedByZero;

  private HandbookBaselines(String[] ids, String[] customers, String[] terminals, long[] seconds, double[] amounts,
      boolean[] frauds) {
    this.ids = ids;
    this.customers = customers;
    this.terminals = terminals;
    this.seconds = seconds;
    this.amounts = amounts;
    this.frauds = frauds;
    rowOf = new HashMap<>(ids.length * 2);
    Map<String, List<Integer>> customerRows = new HashMap<>();
    Map<String, List<Integer>> terminalRows = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      rowOf.put(ids[i], i);
      customerRows.computeIfAbsent(customers[i], key -> new ArrayList<>()).add(i);
      terminalRows.computeIfAbsent(terminals[i], key -> new ArrayList<>()).add(i);
    }
    byCustomer = indexes(customerRows);
    byTerminal = indexes(terminalRows);
    touchedByZero = touchedByZeroAmounts();
  }

  /** Reads a handbook CSV ({@code .gz} too) whose header names the handbook's columns. */
  static HandbookBaselines read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
            ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
      String header = reader.readLine();
      if (header == null) {
        throw new IOException(file + " is empty");
      }
      List<String> names = Arrays.asList(header.split(","));
      int id = column(names, HandbookCsv.TRANSACTION_ID, file);
      int time = column(names, HandbookCsv.TX_DATETIME, file);
      int customer = column(names, HandbookCsv.CUSTOMER_ID, file);
      int terminal = column(names, HandbookCsv.TERMINAL_ID, file);
      int amount = column(names, HandbookCsv.TX_AMOUNT, file);
      int fraud = names.indexOf(HandbookCsv.TX_FRAUD);
      List<String> ids = new ArrayList<>();
      List<String> customers = new ArrayList<>();
      List<String> terminals = new ArrayList<>();
      long[] seconds = new long[1024];
      double[] amounts = new double[1024];
      boolean[] frauds = new boolean[1024];
      Map<String, String> customerNames = new HashMap<>();
      Map<String, String> terminalNames = new HashMap<>();
      int count = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] row = line.split(",");
        if (count == seconds.length) {
          seconds = Arrays.copyOf(seconds, count * 2);
          amounts = Arrays.copyOf(amounts, count * 2);
          frauds = Arrays.copyOf(frauds, count * 2);
        }
        ids.add(row[id]);
        customers.add(customerNames.computeIfAbsent(row[customer], name -> name));
        terminals.add(terminalNames.computeIfAbsent(row[terminal], name -> name));
        seconds[count] = LocalDateTime.parse(row[time], TIME).toEpochSecond(ZoneOffset.UTC);
        amounts[count] = Double.parseDouble(row[amount]);
        frauds[count] = fraud >= 0 && row[fraud].trim().equals("1");
        count++;
      }
      return new HandbookBaselines(ids.toArray(String[]::new), customers.toArray(String[]::new),
          terminals.toArray(String[]::new), Arrays.copyOf(seconds, count), Arrays.copyOf(amounts, count),
          Arrays.copyOf(frauds, count));
    }
  }

  private static int column(List<String> names, String name, Path file) throws IOException {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IOException(file + ": the header names no " + name + " column; a handbook CSV has "
          + String.join(",", HandbookCsv.REQUIRED));
    }
    return index;
  }

  int rows() {
    return seconds.length;
  }

  /** The row of a transaction id, or -1. */
  int row(String transactionId) {
    return rowOf.getOrDefault(transactionId, -1);
  }

  boolean zeroAmount(int row) {
    return amounts[row] == 0;
  }

  /** Whether a zero amount is this row's or in one of its customer or terminal windows. */
  boolean touchedByZeroAmount(int row) {
    return touchedByZero[row];
  }

  long zeroAmountRows() {
    long count = 0;
    for (double amount : amounts) {
      count += amount == 0 ? 1 : 0;
    }
    return count;
  }

  /** The 15 baseline features of {@code row}, by fraud_v1 name. */
  Map<String, Double> expected(int row) {
    Map<String, Double> expected = new LinkedHashMap<>();
    long t = seconds[row];
    LocalDateTime time = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
    expected.put(FraudV1.TX_AMOUNT, amounts[row]);
    expected.put(FraudV1.TX_DURING_WEEKEND, time.getDayOfWeek().getValue() >= 6 ? 1.0 : 0.0);
    expected.put(FraudV1.TX_DURING_NIGHT, time.getHour() <= 6 ? 1.0 : 0.0);
    for (int days : FraudV1.WINDOW_DAYS) {
      int count = 0;
      double sum = 0;
      for (int j : byCustomer.get(customers[row])) {
        if (atOrBefore(j, row) && seconds[j] > t - days * DAY) {
          count++;
          sum += amounts[j];
        }
      }
      expected.put(FraudV1.customerCount(days), (double) count);
      expected.put(FraudV1.customerAverageAmount(days), sum / count);
      int terminalCount = 0;
      int terminalFrauds = 0;
      for (int j : byTerminal.get(terminals[row])) {
        if (seconds[j] > t - (DELAY_DAYS + days) * DAY && seconds[j] <= t - DELAY_DAYS * DAY) {
          terminalCount++;
          terminalFrauds += frauds[j] ? 1 : 0;
        }
      }
      expected.put(FraudV1.terminalCount(days), (double) terminalCount);
      expected.put(FraudV1.terminalRisk(days), terminalCount == 0 ? 0 : (double) terminalFrauds / terminalCount);
    }
    return expected;
  }

  /** Marks each zero-amount row and the rows whose windows hold one (the longest windows). */
  private boolean[] touchedByZeroAmounts() {
    int longest = FraudV1.WINDOW_DAYS.get(FraudV1.WINDOW_DAYS.size() - 1);
    boolean[] touched = new boolean[seconds.length];
    for (int zero = 0; zero < seconds.length; zero++) {
      if (amounts[zero] != 0) {
        continue;
      }
      long at = seconds[zero];
      for (int j : byCustomer.get(customers[zero])) {
        touched[j] |= atOrBefore(zero, j) && at > seconds[j] - longest * DAY;
      }
      for (int j : byTerminal.get(terminals[zero])) {
        touched[j] |= at > seconds[j] - (DELAY_DAYS + longest) * DAY && at <= seconds[j] - DELAY_DAYS * DAY;
      }
    }
    return touched;
  }

  /** Whether row {@code a} comes at or before row {@code b}: by time, then by id (numerically when both are numbers). */
  private boolean atOrBefore(int a, int b) {
    if (seconds[a] != seconds[b]) {
      return seconds[a] < seconds[b];
    }
    return a == b || compareIds(ids[a], ids[b]) < 0;
  }

  private static int compareIds(String a, String b) {
    boolean numbers = !a.isEmpty() && !b.isEmpty() && a.chars().allMatch(HandbookBaselines::isDigit)
        && b.chars().allMatch(HandbookBaselines::isDigit) && a.length() < 19 && b.length() < 19;
    return numbers ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static Map<String, int[]> indexes(Map<String, List<Integer>> lists) {
    Map<String, int[]> indexes = new HashMap<>(lists.size() * 2);
    lists.forEach((key, rows) -> indexes.put(key, rows.stream().mapToInt(Integer::intValue).toArray()));
    return indexes;
  }
}
