package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Bases and customers built from known figures, and the errors that name the customer. */
class CustomerBaseTest {

  @Test
  void of_duplicateIds_failsNamingTheIdAndPositions() {
    List<Customer> customers =
        List.of(Customer.of("a", 1, 2, 3), Customer.of("b", 0, 0, 3), Customer.of("a", 2, 2, 3));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CustomerBase.of(customers));

    assertEquals("customer id a appears twice, at 0 and 2", e.getMessage());
  }

  @Test
  void of_nullCustomer_failsNamingThePosition() {
    NullPointerException e = assertThrows(
        NullPointerException.class,
        () -> CustomerBase.of(Arrays.asList(Customer.of("a", 1, 2, 3), null)));

    assertEquals("customers: the customer at position 1 is null", e.getMessage());
  }

  @Test
  void of_unsupportedUnit_failsClearly() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class,
        () -> CustomerBase.of(ChronoUnit.CENTURIES, List.of(Customer.of("a", 0, 0, 1))));

    assertEquals("time unit must be DAYS, WEEKS, MONTHS or YEARS, was CENTURIES", e.getMessage());
  }

  @Test
  void get_unknownId_failsNamingTheId() {
    CustomerBase base = CustomerBase.of(Customer.of("a", 1, 2, 3));

    NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> base.get("z"));

    assertEquals("no customer with id z", e.getMessage());
    assertEquals(-1, base.indexOf("z"));
    assertTrue(base.find("z").isEmpty());
  }

  @Test
  void of_figures_keepsThemAndTheirOrder() {
    Customer a = new Customer("a", 2, 5.5, 10, 3, 8, LocalDate.of(2024, 1, 1));
    Customer b = Customer.of("b", 0, 0, 4);

    CustomerBase base = CustomerBase.of(ChronoUnit.WEEKS, List.of(a, b));

    assertEquals(List.of(a, b), base.customers());
    assertEquals(ChronoUnit.WEEKS, base.unit().orElseThrow());
    assertEquals(SummaryReport.NONE, base.report());
    assertEquals(2, base.repeatPurchases());
    assertEquals(1, base.repeatBuyers());
  }

  @Test
  void customer_inconsistentFigures_failNamingTheCustomer() {
    assertEquals(
        "customer x: recency must be in [0, age=3.0], was 4.0",
        assertThrows(IllegalArgumentException.class, () -> Customer.of("x", 1, 4, 3))
            .getMessage());
    assertEquals(
        "customer x: recency must be 0 without repeat purchases, was 1.0",
        assertThrows(IllegalArgumentException.class, () -> Customer.of("x", 0, 1, 3))
            .getMessage());
    assertEquals(
        "customer x: frequency must be >= 0, was -1",
        assertThrows(IllegalArgumentException.class, () -> Customer.of("x", -1, 0, 3))
            .getMessage());
    assertEquals(
        "customer x: age must be finite and >= 0, was NaN",
        assertThrows(IllegalArgumentException.class, () -> Customer.of("x", 0, 0, Double.NaN))
            .getMessage());
  }
}
