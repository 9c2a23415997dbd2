package io.argus.ingestion.simulate;

import io.argus.ingestion.handbook.CustomerCards;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The handbook's customers and terminals: uniform points on a 100 x 100 grid; each customer has a mean amount
 * ~ U(5, 100) (standard deviation half of it), a mean number of transactions a day ~ U(0, 4), and uses the terminals
 * within radius 5 of it. Terminals carry a merchant category, and grid points map to latitude and longitude in a
 * box of about 220 x 280 km so that transactions have a place.
 */
final class Population {

  static final double GRID = 100;
  static final double RADIUS = 5;
  private static final double LATITUDE_SOUTH = 49.5;
  private static final double LATITUDE_SPAN = 2.0;
  private static final double LONGITUDE_WEST = 2.5;
  private static final double LONGITUDE_SPAN = 4.0;
  private static final String[] MERCHANT_CATEGORIES = {"5411", "5812", "5541", "5999", "5912", "5311", "5732"};

  final double[] customerX;
  final double[] customerY;
  final double[] meanAmount;
  final double[] meanTransactionsPerDay;
  final int[][] nearbyTerminals;
  final String[] cardNumbers;
  final double[] terminalX;
  final double[] terminalY;
  final String[] merchantCategories;
  private final List<List<Integer>> terminalsByCell;
  private final int cellsPerSide;

  private Population(int customers, int terminals, SplittableRandom random) {
    customerX = new double[customers];
    customerY = new double[customers];
    meanAmount = new double[customers];
    meanTransactionsPerDay = new double[customers];
    cardNumbers = new String[customers];
    for (int c = 0; c < customers; c++) {
      customerX[c] = random.nextDouble(0, GRID);
      customerY[c] = random.nextDouble(0, GRID);
      meanAmount[c] = random.nextDouble(5, 100);
      meanTransactionsPerDay[c] = random.nextDouble(0, 4);
      cardNumbers[c] = CustomerCards.cardNumber(Integer.toString(c));
    }
    terminalX = new double[terminals];
    terminalY = new double[terminals];
    merchantCategories = new String[terminals];
    for (int t = 0; t < terminals; t++) {
      terminalX[t] = random.nextDouble(0, GRID);
      terminalY[t] = random.nextDouble(0, GRID);
      merchantCategories[t] = MERCHANT_CATEGORIES[random.nextInt(MERCHANT_CATEGORIES.length)];
    }
    cellsPerSide = (int) Math.ceil(GRID / RADIUS);
    terminalsByCell = new ArrayList<>(cellsPerSide * cellsPerSide);
    for (int cell = 0; cell < cellsPerSide * cellsPerSide; cell++) {
      terminalsByCell.add(new ArrayList<>());
    }
    for (int t = 0; t < terminals; t++) {
      terminalsByCell.get(cell(terminalX[t], terminalY[t])).add(t);
    }
    nearbyTerminals = new int[customers][];
    for (int c = 0; c < customers; c++) {
      nearbyTerminals[c] = terminalsNear(customerX[c], customerY[c]);
    }
  }

  static Population generate(int customers, int terminals, SplittableRandom random) {
    return new Population(customers, terminals, random);
  }

  int customers() {
    return customerX.length;
  }

  int terminals() {
    return terminalX.length;
  }

  /** The terminals strictly within {@link #RADIUS} of a point, in ascending order. */
  int[] terminalsNear(double x, double y) {
    int column = column(x);
    int row = column(y);
    List<Integer> found = new ArrayList<>();
    for (int r = Math.max(0, row - 1); r <= Math.min(cellsPerSide - 1, row + 1); r++) {
      for (int c = Math.max(0, column - 1); c <= Math.min(cellsPerSide - 1, column + 1); c++) {
        for (int terminal : terminalsByCell.get(r * cellsPerSide + c)) {
          if (Math.hypot(terminalX[terminal] - x, terminalY[terminal] - y) < RADIUS) {
            found.add(terminal);
          }
        }
      }
    }
    return found.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** The terminal closest to a point. */
  int nearestTerminal(double x, double y) {
    int nearest = 0;
    for (int t = 1; t < terminalX.length; t++) {
      if (Math.hypot(terminalX[t] - x, terminalY[t] - y) < Math.hypot(terminalX[nearest] - x, terminalY[nearest] - y)) {
        nearest = t;
      }
    }
    return nearest;
  }

  double latitude(int terminal) {
    return LATITUDE_SOUTH + terminalY[terminal] / GRID * LATITUDE_SPAN;
  }

  double longitude(int terminal) {
    return LONGITUDE_WEST + terminalX[terminal] / GRID * LONGITUDE_SPAN;
  }

  private int cell(double x, double y) {
    return column(y) * cellsPerSide + column(x);
  }

  private int column(double coordinate) {
    return Math.min(cellsPerSide - 1, Math.max(0, (int) (coordinate / RADIUS)));
  }
}
