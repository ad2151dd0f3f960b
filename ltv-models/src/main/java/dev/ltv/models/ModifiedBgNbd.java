package dev.ltv.models;

import static com.google.common.base.Preconditions.checkArgument;

import dev.ltv.core.CustomerBase;
import dev.ltv.core.DistinctRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modified BG/NBD model (MBG/NBD) of Batislam, Denizel and Filiztekin (2007), "Empirical
 * validation and comparison of models for customer base analysis": as BG/NBD (purchase rate {@code
 * lambda ~ Gamma(r, alpha)}, dropout probability {@code p ~ Beta(a, b)}), except that a customer
 * may also leave right after the first purchase. So a customer without repeat purchases is not
 * certainly active: their P(alive) is below 1, and falls as they stay silent.
 *
 * <p>Times are in the unit of the base the model was fitted on, and {@code alpha} is in that unit:
 * fitting the CDNOW sample in weeks gives r = 0.5248, alpha = 6.183, a = 0.8914, b = 1.614 with
 * log-likelihood -9582.13.
 *
 * <pre>{@code
 * ModifiedBgNbd mbg = ModifiedBgNbd.fit(base);
 * mbg.probabilityAlive(customer);          // P(still active)
 * mbg.expectedPurchases(customer, 39);     // in the next 39 units
 * }</pre>
 *
 * <p>Fitting, accuracy and limitations are as for {@link BgNbd}; use {@link #fitter()} for a
 * penalty, start values or other limits.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ModifiedBgNbd extends BetaGeometricFamily {

  private static final Logger LOG = LoggerFactory.getLogger(ModifiedBgNbd.class);
  private static final String NAME = "MBG/NBD";

  private ModifiedBgNbd(BetaGeometricNbd model, FitReport report) {
    super(NAME, model, report);
  }

  /** Fits the model to a base with the default settings; see {@link BgNbd#fit(CustomerBase)}. */
  public static ModifiedBgNbd fit(CustomerBase base) {
    return fitter().fit(base);
  }

  /** Fits the model to distinct rows, default settings; see {@link BgNbd#fit(DistinctRows)}. */
  public static ModifiedBgNbd fit(DistinctRows rows) {
    return fitter().fit(rows);
  }

  /**
   * A model with known parameters, such as published estimates; they mean what they mean in
   * {@link BgNbd#of}. It has no fit: {@link #logLikelihood()} and {@link #fitReport()} throw.
   *
   * @throws IllegalArgumentException if a parameter is not finite and positive
   */
  public static ModifiedBgNbd of(double r, double alpha, double a, double b) {
    return new ModifiedBgNbd(new BetaGeometricNbd(r, alpha, a, b, 1), null);
  }

  /** A fitter with the default settings, to be adjusted before {@link Fitter#fit}. */
  public static Fitter fitter() {
    return new Fitter(FitSettings.DEFAULTS);
  }

  /**
   * Settings of an MBG/NBD fit, each settable once. Immutable: every setting returns a new fitter,
   * so one fitter can be kept and used for many bases, from any thread.
   *
   * @since 0.1
   */
  public static final class Fitter extends ModelFitter<Fitter> {

    private Fitter(FitSettings settings) {
      super(NAME, settings);
    }

    @Override
    Fitter with(FitSettings settings) {
      return new Fitter(settings);
    }

    /** Where the optimizer starts; the defaults are those of {@link BgNbd.Fitter#start}. */
    public Fitter start(double r, double alpha, double a, double b) {
      return new Fitter(settings.start(PARAMETERS, r, alpha, a, b));
    }

    /** Fits the model to a base; see {@link BgNbd.Fitter#fit(CustomerBase)}. */
    public ModifiedBgNbd fit(CustomerBase base) {
      checkArgument(!base.isEmpty(), "cannot fit %s on an empty base", NAME);
      return fit(base.distinctRows());
    }

    /** Fits the model to distinct rows; see {@link BgNbd.Fitter#fit(DistinctRows)}. */
    public ModifiedBgNbd fit(DistinctRows rows) {
      return BetaGeometricFamily.fit(NAME, 1, rows, settings, LOG, ModifiedBgNbd::new);
    }
  }
}
