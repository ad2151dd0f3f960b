/**
 * Customer lifetime value on Apache Spark, with the results of the in-process library: transactions
 * are summarized per customer on the cluster by {@link dev.ltv.spark.SummaryAggregator}, which
 * reuses ltv-core's mergeable {@link dev.ltv.core.CustomerHistory}; the summaries are compressed on
 * the cluster to their distinct (frequency, recency, age) rows, which are all that fitting a
 * purchase model needs, and only those rows travel to the driver, where the model is fitted. The
 * fitted models travel back to the executors as their parameters and score every customer there.
 *
 * <pre>{@code
 * Dataset<Row> transactions = spark.read().parquet("orders");
 * Dataset<Row> summaries = SparkLtv.summarizer(transactions)
 *     .customerIdColumn("cust").dateColumn("order_date").amountColumn("revenue")
 *     .unit(ChronoUnit.WEEKS)
 *     .observationEnd(LocalDate.of(2025, 12, 31))
 *     .summarize()
 *     .cache();
 * BgNbd bg = SparkLtv.fit(summaries, BgNbd::fit);
 * GammaGamma gg = SparkLtv.fitGammaGamma(summaries);
 * Dataset<Row> scores = SparkLtv.score(summaries, bg, gg,
 *     ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.10, 0.30));
 * }</pre>
 *
 * <p>Spark is a provided dependency: the cluster brings it. The module has no module descriptor,
 * since Spark's jars cannot be required as modules; it runs on the class path, like Spark.
 */
package dev.ltv.spark;
