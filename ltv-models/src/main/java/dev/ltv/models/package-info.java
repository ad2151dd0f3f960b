/**
 * The models: buy-till-you-die purchase models (BG/NBD, Pareto/NBD, MBG/NBD, BG/BB), the
 * Gamma-Gamma spend model, cohort retention with the shifted-beta-geometric model, and the simple
 * formula. Each is fitted by maximum likelihood on a {@link dev.ltv.core.CustomerBase} and is
 * immutable once fitted.
 */
package dev.ltv.models;
