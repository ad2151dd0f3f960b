package dev.ltv.core;

import static com.google.common.base.Preconditions.checkElementIndex;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A log split in two periods: the customers as they stood at the end of calibration, and what each
 * of them bought during the holdout period that follows. Models are fitted on {@link
 * #calibration()} and judged by how well they predict {@link #holdoutPurchases(int)}.
 *
 * <p>Holdout purchases count distinct purchase days after the calibration end, up to and including
 * the holdout end; holdout spend is their net value. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CalibrationHoldout {

  private final CustomerBase calibration;
  private final int[] holdoutPurchases;
  private final double[] holdoutSpend;
  private final LocalDate calibrationEnd;
  private final LocalDate holdoutEnd;
  private final ChronoUnit unit;

  CalibrationHoldout(
      CustomerBase calibration,
      int[] holdoutPurchases,
      double[] holdoutSpend,
      LocalDate calibrationEnd,
      LocalDate holdoutEnd,
      ChronoUnit unit) {
    this.calibration = calibration;
    this.holdoutPurchases = holdoutPurchases;
    this.holdoutSpend = holdoutSpend;
    this.calibrationEnd = calibrationEnd;
    this.holdoutEnd = holdoutEnd;
    this.unit = unit;
  }

  /** The customers as they stood at the end of calibration. */
  public CustomerBase calibration() {
    return calibration;
  }

  /** The last day of calibration. */
  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  /** The last day of the holdout period. */
  public LocalDate holdoutEnd() {
    return holdoutEnd;
  }

  /** The length of the holdout period, in the base's unit. */
  public double holdoutLength() {
    return (holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay()) / Periods.daysPer(unit);
  }

  /**
   * The purchase days of calibration customer {@code i} in the holdout period.
   *
   * @param i the customer's position in {@link #calibration()}
   * @return the number of purchases
   */
  public int holdoutPurchases(int i) {
    return holdoutPurchases[checkElementIndex(i, holdoutPurchases.length)];
  }

  /**
   * The purchase days of a customer in the holdout period.
   *
   * @param id the customer's id
   * @return the number of purchases
   * @throws NoSuchElementException if the customer is not in the calibration base
   */
  public int holdoutPurchases(String id) {
    return holdoutPurchases[position(id)];
  }

  /**
   * The net spend of calibration customer {@code i} in the holdout period.
   *
   * @param i the customer's position in {@link #calibration()}
   * @return the spend
   */
  public double holdoutSpend(int i) {
    return holdoutSpend[checkElementIndex(i, holdoutSpend.length)];
  }

  /**
   * The net spend of a customer in the holdout period.
   *
   * @param id the customer's id
   * @return the spend
   * @throws NoSuchElementException if the customer is not in the calibration base
   */
  public double holdoutSpend(String id) {
    return holdoutSpend[position(id)];
  }

  /** The holdout purchases of all calibration customers together. */
  public long totalHoldoutPurchases() {
    long sum = 0;
    for (int p : holdoutPurchases) {
      sum += p;
    }
    return sum;
  }

  private int position(String id) {
    int i = calibration.indexOf(id);
    if (i < 0) {
      throw new NoSuchElementException("no calibration customer with id " + id);
    }
    return i;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CalibrationHoldout[%,d customers, calibration to %s: %,d repeat purchases; holdout to %s"
            + " (%.4g %s): %,d purchases]",
        calibration.size(),
        calibrationEnd,
        calibration.repeatPurchases(),
        holdoutEnd,
        holdoutLength(),
        unit.toString().toLowerCase(Locale.ROOT),
        totalHoldoutPurchases());
  }
}
