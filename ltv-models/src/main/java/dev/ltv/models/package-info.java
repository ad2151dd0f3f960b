/**
 * The models: buy-till-you-die purchase models (BG/NBD, Pareto/NBD, MBG/NBD, BG/BB), the
 * Gamma-Gamma spend model, cohort retention with the shifted-beta-geometric model, and the simple
 * formula. Each is fitted by maximum likelihood on a {@link dev.ltv.core.CustomerBase} and is
 * immutable once fitted.
 *
 * <p>The valuation strategies ({@link dev.ltv.core.LtvModel}) are {@link
 * dev.ltv.models.SimpleFormula}, {@link dev.ltv.models.CohortRetention} (the shifted-beta-geometric
 * model fitted to the base's cohorts) and {@link dev.ltv.models.ProbabilisticLtv} (any purchase
 * model with a spend model); {@link dev.ltv.models.CohortProjection} projects the cohorts of a
 * {@link dev.ltv.core.CohortTable}.
 */
package dev.ltv.models;
