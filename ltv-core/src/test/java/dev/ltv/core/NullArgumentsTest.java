package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.NullPointerTester;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and method of the package rejects a null argument with a {@link
 * NullPointerException} whose message names the parameter. Guava's {@link NullPointerTester} checks
 * the exception for every parameter but not its message, so a second pass over the same members,
 * with the same sample arguments, checks the message against the parameter's name (the module is
 * compiled with {@code -parameters}).
 */
class NullArgumentsTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 5);

  /** Parameters that accept null: a customer built from figures has no first purchase day. */
  private static final Set<String> NULLABLE = Set.of("Customer(firstPurchase)");

  /** A valid argument, or receiver, of every type a public member takes or is declared in. */
  private static final Map<Class<?>, Supplier<?>> SAMPLES = samples();

  private static Map<Class<?>, Supplier<?>> samples() {
    Map<Class<?>, Supplier<?>> s = new LinkedHashMap<>();
    s.put(String.class, () -> "c1");
    s.put(LocalDate.class, () -> DAY);
    s.put(ChronoUnit.class, () -> ChronoUnit.DAYS);
    s.put(Path.class, () -> Path.of("transactions.csv"));
    s.put(Reader.class, () -> new StringReader("customer_id,date,amount\n"));
    s.put(Iterable.class, List::of);
    s.put(List.class, List::of);
    s.put(Transaction[].class, () -> new Transaction[0]);
    s.put(Customer[].class, () -> new Customer[0]);
    s.put(int[].class, () -> new int[] {1});
    s.put(double[].class, () -> new double[] {1});

    // The public types of the package.
    s.put(Transaction.class, () -> Transaction.of("c1", DAY, 10));
    s.put(TransactionLog.class, NullArgumentsTest::log);
    s.put(TransactionLog.Builder.class, TransactionLog::builder);
    s.put(TransactionCsvReader.class, TransactionLog::csv);
    s.put(Summarizer.class, () -> log().summarizer());
    s.put(Customer.class, () -> Customer.of("c1", 1, 2, 3, 4));
    s.put(CustomerBase.class, () -> log().summarize(ChronoUnit.WEEKS, DAY.plusDays(9)));
    s.put(DistinctRows.class, () -> log().summarize(ChronoUnit.DAYS, DAY).distinctRows());
    s.put(CalibrationHoldout.class, () -> log().split(DAY, DAY.plusDays(20), ChronoUnit.WEEKS));
    s.put(CustomerHistory.class, () -> new CustomerHistory().add(DAY, 1));
    s.put(SummaryAccumulator.class, () -> new SummaryAccumulator().add("c1", DAY, 1));
    s.put(IntakeReport.class, () -> new IntakeReport(1, 0, 0, 0));
    s.put(SummaryReport.class, () -> new SummaryReport(1, 0, 0, 0));
    s.put(RefundPolicy.class, () -> RefundPolicy.NET);
    s.put(CalendarPeriod.class, () -> CalendarPeriod.MONTH);
    s.put(CohortTable.class, () -> CohortTable.of(log(), CalendarPeriod.WEEK));
    s.put(CohortTable.Measure.class, () -> CohortTable.Measure.RETENTION);
    s.put(ValuationTerms.class, () -> ValuationTerms.of(ChronoUnit.WEEKS, 52, 0.1, 0.3));
    s.put(FittedLtvModel.class, NullArgumentsTest::constantModel);
    s.put(LtvModel.class, () -> new LtvModel() {
      @Override
      public String name() {
        return "constant";
      }

      @Override
      public FittedLtvModel fit(CustomerBase base) {
        java.util.Objects.requireNonNull(base, "base");
        return constantModel();
      }
    });
    s.put(java.util.function.Function.class, () ->
        (java.util.function.Function<Object, String>) x -> "all");
    s.put(
        java.util.function.Predicate.class, () -> (java.util.function.Predicate<Object>) x -> true);
    s.put(java.util.function.ToDoubleFunction.class, () ->
        (java.util.function.ToDoubleFunction<Object>) x -> 5.0);
    s.put(java.io.Writer.class, java.io.StringWriter::new);
    s.put(Map.class, () -> Map.of("all", 5.0));
    s.put(java.util.OptionalInt.class, () -> java.util.OptionalInt.of(2));
    s.put(Ltv.class, () -> Ltv.from(log()));
    s.put(LtvReport.class, NullArgumentsTest::report);
    s.put(CustomerLtv.class, () -> new CustomerLtv("c1", 0.5, 1, 10, 5));
    s.put(LtvTable.class, () -> report().top(2));
    s.put(TierScheme.class, TierScheme::standard);
    s.put(TierScheme.Kind.class, () -> TierScheme.Kind.QUANTILE);
    s.put(Tiers.class, () -> report().tiers());
    s.put(ChurnRisk.class, () -> report().churnRisk(0.9));
    s.put(
        ChurnRisk.AtRisk.class,
        () -> new ChurnRisk.AtRisk(
            Customer.of("c1", 1, 2, 3, 4), new CustomerLtv("c1", 0.5, 1, 10, 5)));
    s.put(NewCustomerValue.class, () -> report().newCustomer());
    s.put(AcquisitionEconomics.class, () -> report().acquisition(5));
    s.put(
        AcquisitionEconomics.Group.class, () -> report().acquisition(5).groups().get(0));
    s.put(
        TransactionFileException.class,
        () -> new TransactionFileException("f.csv", 2, "date", "bad date", null));
    return s;
  }

  /** A model that gives every customer the same figures: enough to exercise the default methods. */
  private static FittedLtvModel constantModel() {
    return new FittedLtvModel() {
      @Override
      public String name() {
        return "constant";
      }

      @Override
      public double probabilityAlive(Customer customer) {
        java.util.Objects.requireNonNull(customer, "customer");
        return 0.5;
      }

      @Override
      public double expectedPurchases(Customer customer, double t) {
        java.util.Objects.requireNonNull(customer, "customer");
        return t;
      }

      @Override
      public double expectedSpend(Customer customer) {
        java.util.Objects.requireNonNull(customer, "customer");
        return 10;
      }

      @Override
      public double expectedPurchases(double t) {
        return t;
      }

      @Override
      public double expectedSpend() {
        return 10;
      }
    };
  }

  private static LtvReport report() {
    return Ltv.from(log())
        .unit(ChronoUnit.WEEKS)
        .model(new LtvModel() {
          @Override
          public String name() {
            return "constant";
          }

          @Override
          public FittedLtvModel fit(CustomerBase base) {
            return constantModel();
          }
        })
        .horizon(4)
        .report();
  }

  private static TransactionLog log() {
    return TransactionLog.of(
        Transaction.of("c1", DAY, 10),
        Transaction.of("c1", DAY.plusDays(8), 5),
        Transaction.of("c2", DAY.plusDays(3), 7));
  }

  @Test
  void samples_coverEveryPublicTypeOfThePackage() {
    Set<String> sampled = new TreeSet<>();
    for (Class<?> type : SAMPLES.keySet()) {
      if (isOwnType(type)) {
        sampled.add(type.getName());
      }
    }

    assertEquals(publicTypes(), sampled);
  }

  @Test
  void everyPublicMember_rejectsNullArguments() {
    NullPointerTester tester = new NullPointerTester();
    SAMPLES.forEach((type, sample) -> setDefault(tester, type, sample.get()));

    for (Class<?> type : SAMPLES.keySet()) {
      if (!isOwnType(type)) {
        continue;
      }
      tester.testAllPublicStaticMethods(type);
      for (Constructor<?> constructor : type.getConstructors()) {
        for (int i = 0; i < constructor.getParameterCount(); i++) {
          if (!NULLABLE.contains(describe(constructor, i))) {
            tester.testConstructorParameter(constructor, i);
          }
        }
      }
      for (Method method : declaredPublicMethods(type)) {
        if (!Modifier.isStatic(method.getModifiers())) {
          tester.testMethod(SAMPLES.get(type).get(), method);
        }
      }
    }
  }

  @Test
  void everyNullCheck_namesItsParameter() {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Class<?> type : SAMPLES.keySet()) {
      if (!isOwnType(type)) {
        continue;
      }
      List<Executable> members = new ArrayList<>(List.of(type.getConstructors()));
      members.addAll(declaredPublicMethods(type));
      for (Executable member : members) {
        if (type.isEnum() && member.getName().equals("valueOf")) {
          continue; // written by the compiler; Enum.valueOf says "Name is null"
        }
        Parameter[] parameters = member.getParameters();
        for (int i = 0; i < parameters.length; i++) {
          if (parameters[i].getType().isPrimitive() || NULLABLE.contains(describe(member, i))) {
            continue;
          }
          assertTrue(parameters[i].isNamePresent(), "the module is compiled with -parameters");
          Throwable thrown = invokeWithNull(member, i);
          String name = parameters[i].getName();
          checked++;
          if (!(thrown instanceof NullPointerException)
              || thrown.getMessage() == null
              || !thrown.getMessage().contains(name)) {
            failures.add(describe(member, i) + " threw " + thrown);
          }
        }
      }
    }

    assertEquals(List.of(), failures);
    assertTrue(checked > 50, "checked " + checked + " parameters");
  }

  /** Calls a member with sample arguments and null at {@code nullAt}; returns what it threw. */
  private static Throwable invokeWithNull(Executable member, int nullAt) {
    Class<?>[] types = member.getParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      arguments[i] = i == nullAt ? null : sample(types[i]);
    }
    try {
      if (member instanceof Constructor<?> constructor) {
        constructor.newInstance(arguments);
      } else {
        Method method = (Method) member;
        Object receiver = Modifier.isStatic(method.getModifiers())
            ? null
            : SAMPLES.get(method.getDeclaringClass()).get();
        method.invoke(receiver, arguments);
      }
      return new AssertionError("nothing thrown");
    } catch (InvocationTargetException e) {
      return e.getCause();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object sample(Class<?> type) {
    if (type.isPrimitive()) {
      return type == boolean.class ? false : type == char.class ? (Object) ',' : (Object) 0;
    }
    Supplier<?> supplier = SAMPLES.get(type);
    assertNotNull(supplier, () -> "no sample of " + type);
    return supplier.get();
  }

  private static boolean isOwnType(Class<?> type) {
    return !type.isArray() && type.getPackageName().equals("dev.ltv.core");
  }

  private static List<Method> declaredPublicMethods(Class<?> type) {
    return Stream.of(type.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge())
        .filter(m -> !m.getName().equals("equals"))
        .toList();
  }

  private static String describe(Executable member, int parameter) {
    String owner = member.getDeclaringClass().getSimpleName();
    String name = member instanceof Constructor<?> ? owner : owner + "." + member.getName();
    return name + "(" + member.getParameters()[parameter].getName() + ")";
  }

  @SuppressWarnings("unchecked")
  private static <T> void setDefault(NullPointerTester tester, Class<T> type, Object value) {
    tester.setDefault(type, (T) value);
  }

  /** The public top-level and nested types compiled into the package. */
  private static Set<String> publicTypes() {
    try {
      Path classes = Path.of(TransactionLog.class
          .getProtectionDomain()
          .getCodeSource()
          .getLocation()
          .toURI());
      Set<String> names = new TreeSet<>();
      try (Stream<Path> files = Files.list(classes.resolve("dev/ltv/core"))) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String simple = file.getFileName().toString();
          if (!simple.endsWith(".class") || simple.startsWith("package-info")) {
            continue;
          }
          Class<?> type = Class.forName("dev.ltv.core." + simple.replace(".class", ""));
          if (isPublic(type)) {
            names.add(type.getName());
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isPublic(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
