// Customer lifetime value of the CDNOW sample, from the raw transaction log to tiers, the top
// customers, churn risk and cohort retention. Run from the repository root (see README.md):
//   ./mvnw -q -DskipTests package
//   jshell --class-path "ltv-models/target/classes:$(cat ltv-models/target/classpath.txt)" examples/quickstart.jsh

import dev.ltv.core.*;
import dev.ltv.models.*;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

// The library logs through SLF4J's API and leaves the choice of a logging backend to the
// application; this script has none, so SLF4J's notice that it found none is kept quiet.
System.setProperty("slf4j.internal.verbosity", "ERROR");

// 1. The transactions: 6,919 rows of 2,357 customers who first bought in early 1997.
var log = TransactionLog.readCsv(Path.of("data/cdnow_sample.csv"));
System.out.println(log);

// 2. One chain to a valued report: customers summarized in weeks up to 1997-09-30, BG/NBD for who
//    buys and how often, Gamma-Gamma for how much, a year ahead at a 30% margin and 10% a year.
//    (The parentheses keep JShell reading until the chain ends.)
var report = (Ltv.from(log)
    .unit(ChronoUnit.WEEKS)
    .observationEnd(LocalDate.of(1997, 9, 30))
    .model(ProbabilisticLtv.bgNbd())
    .horizon(52)
    .annualDiscountRate(0.10)
    .margin(0.30)
    .report());
System.out.println();
System.out.println(report.model());

// 3. Value tiers: bottom half Bronze, next 30% Silver, next 15% Gold, top 5% Platinum.
System.out.println();
System.out.println(report.tiers());

// 4. The ten most valuable customers.
System.out.println();
System.out.println("Top 10 by value over the next 52 weeks:");
System.out.println(report.top(10));

// 5. Churn risk: repeat buyers whose probability of still being active fell below 30%.
var risk = report.churnRisk(0.3);
System.out.println();
System.out.printf("Churn risk: %,d of %,d repeat buyers have P(alive) below 0.3%n", risk.count(), risk.previouslyActive());

// 6. What a new customer is worth, and how long a $20 acquisition cost takes to pay back.
var newCustomer = report.newCustomer();
var payback = newCustomer.paybackPeriods(20);
System.out.println(newCustomer);
System.out.printf("LTV:CAC at $20: %.2f; payback: %s%n", newCustomer.ltvToCac(20), payback.isPresent() ? payback.getAsInt() + " weeks" : "not within 52 weeks");

// 7. Monthly acquisition cohorts over the whole log, and their projection with the sBG model.
var cohorts = CohortTable.of(log, CalendarPeriod.MONTH);
System.out.println();
System.out.println(cohorts);
System.out.println(CohortProjection.of(cohorts, 3));

/exit
