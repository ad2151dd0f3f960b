package dev.ltv.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The id table's hash interning and lookup against a {@link LinkedHashMap} that numbers ids by
 * first appearance, for ids given as strings and as characters, ASCII or not.
 */
class IdTableTest {

  @Property(tries = 300)
  void intern_numbersIdsByFirstAppearance_asAMapWould(
      @ForAll("ids") List<String> ids, @ForAll boolean asCharacters) {
    Map<String, Integer> expected = new LinkedHashMap<>();
    IdTable.Interner interner = new IdTable.Interner(4);

    for (String id : ids) {
      expected.putIfAbsent(id, expected.size());
      char[] padded = ("<" + id + ">").toCharArray();
      int position =
          asCharacters ? interner.intern(padded, 1, padded.length - 1) : interner.intern(id);
      assertEquals(expected.get(id), position, id);
    }
    IdTable table = interner.build();

    assertEquals(expected.size(), table.size());
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      assertEquals(e.getKey(), table.get(e.getValue()));
      assertEquals(e.getValue(), table.indexOf(e.getKey()));
    }
    assertEquals(-1, table.indexOf("not-an-id"));
  }

  @Example
  void intern_manyIds_growsAndFindsEveryOne() {
    IdTable.Interner interner = new IdTable.Interner(1);
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 100_000; i++) {
        assertEquals(i, interner.intern("customer-" + i));
      }
    }
    IdTable table = interner.build();

    assertEquals(100_000, table.size());
    assertEquals(99_999, table.indexOf("customer-99999"));
    assertEquals(-1, table.indexOf("customer-100000"));
  }

  @Provide
  Arbitrary<List<String>> ids() {
    Arbitrary<String> token =
        Arbitraries.of("a", "b", "Z", "7", " ", "é", "€", "\uD83D\uDE00", "ab");
    return token.list().ofMaxSize(5).map(parts -> String.join("", parts)).list().ofMaxSize(200);
  }
}
