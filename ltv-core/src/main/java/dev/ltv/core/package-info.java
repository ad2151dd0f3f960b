/**
 * The domain of customer lifetime value: transactions, per-customer summaries and the strategy that
 * valuation models plug into.
 *
 * <p>The path through the package: a {@link dev.ltv.core.TransactionLog} (built, or read from a
 * file with {@link dev.ltv.core.TransactionLog#readCsv}) is summarized into a {@link
 * dev.ltv.core.CustomerBase} of {@link dev.ltv.core.Customer}s, each reduced to frequency, recency,
 * age and spend in one time unit. A base, or its {@link dev.ltv.core.DistinctRows}, is what models
 * are fitted on. {@link dev.ltv.core.TransactionLog#split} makes a calibration base and the holdout
 * purchases that follow it, to judge a model.
 *
 * <p><b>Valuation.</b> An {@link dev.ltv.core.LtvModel} is a strategy with a stable name that learns
 * from a base and returns a {@link dev.ltv.core.FittedLtvModel}, which values each customer on given
 * {@link dev.ltv.core.ValuationTerms} (unit, horizon, annual discount rate, margin). The strategies
 * themselves live in the models module. {@link dev.ltv.core.Ltv} chains it all, from a log or a
 * base to an {@link dev.ltv.core.LtvReport}: one {@link dev.ltv.core.CustomerLtv} row per customer,
 * the top customers, {@link dev.ltv.core.Tiers} by a {@link dev.ltv.core.TierScheme}, {@link
 * dev.ltv.core.ChurnRisk}, a {@link dev.ltv.core.NewCustomerValue} for budget planning and {@link
 * dev.ltv.core.AcquisitionEconomics} (LTV : CAC and payback), and a CSV export. A {@link
 * dev.ltv.core.CohortTable} counts acquisition cohorts by {@link dev.ltv.core.CalendarPeriod}:
 * active customers, retention, survivors and revenue.
 *
 * <p><b>Conventions.</b> Time units are days, weeks, months and years; durations use the mean
 * Gregorian year (365.2425 days, a month a twelfth of it). Money is in the caller's currency and is
 * never converted. Purchases on the same day count once. All of it is spelled out in {@link
 * dev.ltv.core.Summarizer}.
 *
 * <p><b>Equality.</b> Records and bases compare doubles exactly, as {@link Double#compare} does: two
 * summaries are equal only when every figure is the same double. Tests compare computed figures with
 * a stated tolerance instead.
 *
 * <p><b>Threads.</b> Logs, bases, customers and reports are immutable and safe to share. Builders,
 * readers, summarizers and accumulators are mutable and meant for one thread.
 *
 * <p><b>Bad input</b> fails with an exception that says where: {@link
 * dev.ltv.core.TransactionFileException} names the file, line and column. Nothing is dropped
 * silently: what was skipped or ignored is counted in an {@link dev.ltv.core.IntakeReport} or a
 * {@link dev.ltv.core.SummaryReport}.
 */
package dev.ltv.core;
