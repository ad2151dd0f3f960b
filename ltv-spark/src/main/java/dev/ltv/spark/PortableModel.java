package dev.ltv.spark;

import static java.util.Objects.requireNonNull;

import dev.ltv.models.BgBb;
import dev.ltv.models.BgNbd;
import dev.ltv.models.GammaGamma;
import dev.ltv.models.ModifiedBgNbd;
import dev.ltv.models.ParetoNbd;
import dev.ltv.models.PurchaseModel;
import dev.ltv.models.SpendModel;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A model as it travels to the executors: the kind and the parameters of one of the library's
 * models, rebuilt there with its {@code of(..)} factory, or the model itself when it is {@link
 * Serializable}. The library's models are not serializable (a fitted one holds its whole fit
 * report), but their predictions depend on nothing but their parameters, so the rebuilt model
 * predicts exactly as the one fitted on the driver.
 */
final class PortableModel implements Serializable {

  private static final long serialVersionUID = 1L;

  private enum Kind {
    BG_NBD,
    MODIFIED_BG_NBD,
    PARETO_NBD,
    BG_BB,
    GAMMA_GAMMA,
    SERIALIZED
  }

  private final Kind kind;
  private final double[] parameters;
  private final Serializable model;

  private PortableModel(Kind kind, double[] parameters, Serializable model) {
    this.kind = kind;
    this.parameters = parameters;
    this.model = model;
  }

  /**
   * The purchase model in a form that travels.
   *
   * @throws IllegalArgumentException if the model is none of the library's and not serializable
   */
  static PortableModel of(PurchaseModel model) {
    requireNonNull(model, "purchase model");
    if (model instanceof BgNbd m) {
      return new PortableModel(Kind.BG_NBD, new double[] {m.r(), m.alpha(), m.a(), m.b()}, null);
    }
    if (model instanceof ModifiedBgNbd m) {
      return new PortableModel(
          Kind.MODIFIED_BG_NBD, new double[] {m.r(), m.alpha(), m.a(), m.b()}, null);
    }
    if (model instanceof ParetoNbd m) {
      return new PortableModel(
          Kind.PARETO_NBD, new double[] {m.r(), m.alpha(), m.s(), m.beta()}, null);
    }
    if (model instanceof BgBb m) {
      return new PortableModel(
          Kind.BG_BB, new double[] {m.alpha(), m.beta(), m.gamma(), m.delta()}, null);
    }
    return serialized(model, model.name());
  }

  /**
   * The spend model in a form that travels.
   *
   * @throws IllegalArgumentException if the model is none of the library's and not serializable
   */
  static PortableModel of(SpendModel model) {
    requireNonNull(model, "spend model");
    if (model instanceof GammaGamma m) {
      return new PortableModel(Kind.GAMMA_GAMMA, new double[] {m.p(), m.q(), m.gamma()}, null);
    }
    return serialized(model, model.name());
  }

  private static PortableModel serialized(Object model, String name) {
    if (!(model instanceof Serializable)) {
      throw new IllegalArgumentException(String.format(
          "the model %s (%s) cannot travel to the executors: it is none of BG/NBD, MBG/NBD,"
              + " Pareto/NBD, BG/BB and Gamma-Gamma, whose parameters travel, and it is not"
              + " Serializable",
          name, model.getClass().getName()));
    }
    return new PortableModel(Kind.SERIALIZED, null, (Serializable) model);
  }

  /** The purchase model, rebuilt from its parameters. */
  PurchaseModel purchaseModel() {
    double[] p = parameters;
    switch (kind) {
      case BG_NBD:
        return BgNbd.of(p[0], p[1], p[2], p[3]);
      case MODIFIED_BG_NBD:
        return ModifiedBgNbd.of(p[0], p[1], p[2], p[3]);
      case PARETO_NBD:
        return ParetoNbd.of(p[0], p[1], p[2], p[3]);
      case BG_BB:
        return BgBb.of(p[0], p[1], p[2], p[3]);
      case SERIALIZED:
        return (PurchaseModel) model;
      default:
        throw new IllegalStateException(kind + " is not a purchase model");
    }
  }

  /** The spend model, rebuilt from its parameters. */
  SpendModel spendModel() {
    switch (kind) {
      case GAMMA_GAMMA:
        return GammaGamma.of(parameters[0], parameters[1], parameters[2]);
      case SERIALIZED:
        return (SpendModel) model;
      default:
        throw new IllegalStateException(kind + " is not a spend model");
    }
  }

  @Override
  public String toString() {
    return kind == Kind.SERIALIZED ? model.toString() : kind + Arrays.toString(parameters);
  }
}
