/**
 * Customer lifetime value on Apache Spark, with the results of the in-process library: transactions
 * are summarized per customer on the cluster by {@link dev.ltv.spark.SummaryAggregator}, which
 * reuses ltv-core's mergeable {@link dev.ltv.core.CustomerHistory}; the summaries are compressed on
 * the cluster to their distinct (frequency, recency, age) rows, which are all that fitting a model
 * needs, and only those rows travel to the driver.
 *
 * <pre>{@code
 * Dataset<Row> transactions = spark.read().parquet("orders");
 * Dataset<Row> summaries = SparkLtv.summarizer(transactions)
 *     .customerIdColumn("cust").dateColumn("order_date").amountColumn("revenue")
 *     .unit(ChronoUnit.WEEKS)
 *     .observationEnd(LocalDate.of(2025, 12, 31))
 *     .summarize();
 * DistinctRows rows = SparkLtv.distinctRows(summaries);
 * }</pre>
 *
 * <p>Spark is a provided dependency: the cluster brings it. The module has no module descriptor,
 * since Spark's jars cannot be required as modules; it runs on the class path, like Spark.
 */
package dev.ltv.spark;
