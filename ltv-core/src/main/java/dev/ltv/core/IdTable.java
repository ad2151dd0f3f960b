package dev.ltv.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Customer ids packed into one UTF-8 byte array with offsets: about ten bytes per short id instead
 * of the fifty a {@code String} costs. Immutable once built.
 */
final class IdTable {

  private final byte[] bytes;
  private final int[] offsets;

  private IdTable(byte[] bytes, int[] offsets) {
    this.bytes = bytes;
    this.offsets = offsets;
  }

  static IdTable of(String[] ids) {
    Builder builder = new Builder(ids.length);
    for (String id : ids) {
      builder.append(id);
    }
    return builder.build();
  }

  int size() {
    return offsets.length - 1;
  }

  String get(int i) {
    return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], UTF_8);
  }

  /** The ids at the given positions, as a new table. */
  IdTable select(int[] positions) {
    Builder builder = new Builder(positions.length);
    for (int p : positions) {
      builder.append(bytes, offsets[p], offsets[p + 1]);
    }
    return builder.build();
  }

  /** Appends ids in order; {@link Interner} adds the lookup that makes them distinct. */
  static class Builder {
    private byte[] bytes;
    private int[] offsets;
    private int size;

    Builder(int expected) {
      bytes = new byte[Math.max(16, expected * 8)];
      offsets = new int[Math.max(2, expected + 1)];
    }

    final int append(String id) {
      byte[] encoded = id.getBytes(UTF_8);
      return append(encoded, 0, encoded.length);
    }

    final int append(byte[] source, int from, int to) {
      int length = to - from;
      int start = offsets[size];
      if (start + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + length));
      }
      System.arraycopy(source, from, bytes, start, length);
      if (size + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[size + 1] = start + length;
      return size++;
    }

    final int size() {
      return size;
    }

    final IdTable build() {
      return new IdTable(Arrays.copyOf(bytes, offsets[size]), Arrays.copyOf(offsets, size + 1));
    }
  }

  /** A builder that gives every distinct id one position, in order of first appearance. */
  static final class Interner extends Builder {
    private final Map<String, Integer> positions;

    Interner(int expected) {
      super(expected);
      positions = new HashMap<>(Math.max(16, expected * 2));
    }

    int intern(String id) {
      Integer known = positions.get(id);
      if (known != null) {
        return known;
      }
      int position = append(id);
      positions.put(id, position);
      return position;
    }
  }
}
