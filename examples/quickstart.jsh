// Customer lifetime value of the CDNOW sample, from the raw transaction log to a ranked list.
// Run from the repository root (see README.md):
//   ./mvnw -q -DskipTests package
//   jshell --class-path "ltv-models/target/classes:$(cat ltv-models/target/classpath.txt)" examples/quickstart.jsh

import dev.ltv.core.*;
import dev.ltv.models.*;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.*;

// 1. Transactions to per-customer summaries: calibration to 1997-09-30, times in weeks.
var log = TransactionLog.readCsv(Path.of("data/cdnow_sample.csv"));
var base = log.summarize(ChronoUnit.WEEKS, LocalDate.of(1997, 9, 30));
System.out.println(log);
System.out.println(base);

// 2. Who buys and how often (BG/NBD), how much per purchase (Gamma-Gamma).
var purchases = BgNbd.fit(base);
var spend = GammaGamma.fit(base);
System.out.println();
System.out.println(purchases);
System.out.println(spend);

// 3. Each customer's value over the next year: 30% margin, 10% a year discount.
var valuation = CustomerValue.of(purchases, spend).horizon(52).annualDiscountRate(0.10).margin(0.30);
int n = base.size();
double[] alive = new double[n];
double[] expected = new double[n];
double[] value = new double[n];
valuation.score(base, alive, expected, value);

// 4. Tiers by value: the top 10% gold, the next 30% silver, the rest bronze.
Integer[] order = new Integer[n];
for (int i = 0; i < n; i++) order[i] = i;
Arrays.sort(order, (i, j) -> Double.compare(value[j], value[i]));
String[] tierNames = {"gold", "silver", "bronze"};
int[] tierEnds = {(int) Math.round(0.1 * n), (int) Math.round(0.4 * n), n};
System.out.println();
System.out.printf("%-8s %9s %14s %14s%n", "tier", "customers", "total value", "mean value");
for (int t = 0, from = 0; t < tierNames.length; from = tierEnds[t++]) {
  double total = 0;
  for (int k = from; k < tierEnds[t]; k++) total += value[order[k]];
  System.out.printf("%-8s %9d %14.2f %14.2f%n", tierNames[t], tierEnds[t] - from, total, total / (tierEnds[t] - from));
}

// 5. The ten most valuable customers.
System.out.println();
System.out.printf("%-6s %9s %9s %9s %9s %12s %10s%n", "id", "frequency", "recency", "age", "P(alive)", "purchases", "value");
for (int k = 0; k < 10; k++) {
  int i = order[k];
  System.out.printf("%-6s %9d %9.2f %9.2f %9.3f %12.2f %10.2f%n", base.id(i), base.frequency(i), base.recency(i), base.age(i), alive[i], expected[i], value[i]);
}

// 6. Churn risk: repeat buyers whose probability of still being active fell below 30%.
int atRisk = 0;
for (int i = 0; i < n; i++) if (base.frequency(i) > 0 && alive[i] < 0.3) atRisk++;
System.out.println();
System.out.printf("churn risk: %d of %d repeat buyers have P(alive) below 0.3%n", atRisk, base.repeatBuyers());

// 7. How the monthly acquisition cohorts hold up over the whole log.
var cohorts = CohortTable.of(log, CalendarPeriod.MONTH);
System.out.println();
System.out.println(cohorts.table(CohortTable.Measure.RETENTION, 12));

/exit
