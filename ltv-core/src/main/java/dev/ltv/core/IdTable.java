package dev.ltv.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * Customer ids packed into one UTF-8 byte array with offsets: about ten bytes per short id instead
 * of the fifty a {@code String} costs. Immutable once built; the lookup by id is built on first use,
 * from the same bytes, at 8 bytes per id.
 */
final class IdTable {

  private final byte[] bytes;
  private final int[] offsets;
  private volatile int[] lookup;

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

  /**
   * The first position that holds the given id, or -1.
   *
   * @param id the id
   * @return the position, or -1
   */
  int indexOf(String id) {
    byte[] key = id.getBytes(UTF_8);
    int[] table = lookup;
    if (table == null) {
      table = new int[tableSize(size())];
      for (int p = size() - 1; p >= 0; p--) {
        // Placed from the last to the first, so that the first of equal ids is found first.
        int slot = hash(bytes, offsets[p], offsets[p + 1]) & (table.length - 1);
        while (table[slot] != 0) {
          slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = p + 1;
      }
      lookup = table;
    }
    int mask = table.length - 1;
    for (int slot = hash(key, 0, key.length) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      int p = table[slot] - 1;
      if (Arrays.equals(bytes, offsets[p], offsets[p + 1], key, 0, key.length)) {
        return p;
      }
    }
    return -1;
  }

  /** A power of two at least twice the number of entries: probes stay short. */
  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(8, entries) * 2 - 1) * 2;
  }

  /** A hash of the bytes {@code [from, to)}, mixed so that its low bits can index a table. */
  private static int hash(byte[] source, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + source[i];
    }
    // The finalizer of MurmurHash3, which spreads every input bit over the low bits.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
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

    /** Whether the id at {@code position} has the bytes {@code key[from, to)}. */
    final boolean holds(int position, byte[] key, int from, int to) {
      return Arrays.equals(bytes, offsets[position], offsets[position + 1], key, from, to);
    }

    /** The first byte of the id at {@code position}, or 0 if it is empty. */
    final int firstByte(int position) {
      int start = offsets[position];
      return start < offsets[position + 1] ? bytes[start] : 0;
    }

    final int size() {
      return size;
    }

    final IdTable build() {
      return new IdTable(Arrays.copyOf(bytes, offsets[size]), Arrays.copyOf(offsets, size + 1));
    }
  }

  /**
   * A builder that gives every distinct id one position, in order of first appearance. Ids are
   * compared by their UTF-8 bytes in an open-addressing hash table, so that an id read as characters
   * can be looked up without making a {@code String} of it.
   *
   * <p>Ids are interned in batches: {@link #offer} queues one, {@link #internPending} interns the
   * queue. With a million customers the table and the ids are far larger than the processor's
   * caches, so each lookup waits for memory, twice (the slot, then the id it points to). Looked up
   * one by one, these waits add up; a batch first loads every slot, then every id they point to,
   * and only then does the lookups proper. The loads of one stage do not depend on one another, so
   * the processor waits for them all at once.
   */
  static final class Interner extends Builder {
    /** Ids interned together. */
    static final int BATCH = 256;

    // (hash << 32) | (position + 1) in each slot, 0 when empty; a power of two in length.
    private long[] slots;
    private byte[] keys = new byte[BATCH * 16];
    private final int[] keyEnds = new int[BATCH];
    private int pending;
    private final int[] hashes = new int[BATCH];
    private final int[] warmed = new int[BATCH];
    private final int[] single = new int[BATCH];

    Interner(int expected) {
      super(expected);
      slots = new long[tableSize(expected)];
    }

    /** The number of ids queued. */
    int pending() {
      return pending;
    }

    /** Queues an id, to be interned by {@link #internPending}; at most {@link #BATCH} at once. */
    void offer(String id) {
      int length = id.length();
      int start = reserve(length);
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        if (c >= 0x80) {
          offerEncoded(start, id.getBytes(UTF_8));
          return;
        }
        keys[start + i] = (byte) c;
      }
      keyEnds[pending++] = start + length;
    }

    /** Queues the id held in {@code chars[from, to)}, as {@link #offer(String)} does. */
    void offer(char[] chars, int from, int to) {
      int length = to - from;
      int start = reserve(length);
      for (int i = 0; i < length; i++) {
        char c = chars[from + i];
        if (c >= 0x80) {
          offerEncoded(start, new String(chars, from, length).getBytes(UTF_8));
          return;
        }
        keys[start + i] = (byte) c;
      }
      keyEnds[pending++] = start + length;
    }

    /** The position of the id, added if it is new. */
    int intern(String id) {
      checkNothingPending();
      offer(id);
      internPending(single);
      return single[0];
    }

    /** The position of the id held in {@code chars[from, to)}, added if it is new. */
    int intern(char[] chars, int from, int to) {
      checkNothingPending();
      offer(chars, from, to);
      internPending(single);
      return single[0];
    }

    /**
     * Interns the queued ids in the order they were offered and empties the queue.
     *
     * @param positions receives the position of each queued id
     * @return the number of ids interned
     */
    int internPending(int[] positions) {
      int count = pending;
      long[] table = slots;
      int mask = table.length - 1;
      for (int k = 0; k < count; k++) {
        hashes[k] = hash(keys, keyStart(k), keyEnds[k]);
      }
      for (int k = 0; k < count; k++) {
        warmed[k] = (int) table[hashes[k] & mask];
      }
      for (int k = 0; k < count; k++) {
        if (warmed[k] != 0) {
          warmed[k] = firstByte(warmed[k] - 1);
        }
      }
      for (int k = 0; k < count; k++) {
        positions[k] = intern(keyStart(k), keyEnds[k], hashes[k]);
      }
      pending = 0;
      return count;
    }

    private void checkNothingPending() {
      if (pending != 0) {
        throw new IllegalStateException(pending + " ids are pending");
      }
    }

    private int keyStart(int k) {
      return k == 0 ? 0 : keyEnds[k - 1];
    }

    /** Makes room for a key of up to {@code length} bytes and returns where it starts. */
    private int reserve(int length) {
      if (pending == BATCH) {
        throw new IllegalStateException("the batch is full");
      }
      int start = keyStart(pending);
      if (start + length > keys.length) {
        keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + length));
      }
      return start;
    }

    private void offerEncoded(int start, byte[] encoded) {
      if (start + encoded.length > keys.length) {
        keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + encoded.length));
      }
      System.arraycopy(encoded, 0, keys, start, encoded.length);
      keyEnds[pending++] = start + encoded.length;
    }

    /** The position of the id held in {@code keys[from, to)}, added if it is new. */
    private int intern(int from, int to, int hash) {
      int mask = slots.length - 1;
      int slot = hash & mask;
      for (long s = slots[slot]; s != 0; s = slots[slot]) {
        int p = (int) s - 1;
        if ((int) (s >>> 32) == hash && holds(p, keys, from, to)) {
          return p;
        }
        slot = (slot + 1) & mask;
      }
      int position = append(keys, from, to);
      slots[slot] = (long) hash << 32 | (position + 1);
      if (2 * size() > slots.length) {
        rehash(slots.length * 2);
      }
      return position;
    }

    private void rehash(int capacity) {
      long[] grown = new long[capacity];
      int mask = capacity - 1;
      for (long s : slots) {
        if (s != 0) {
          int slot = (int) (s >>> 32) & mask;
          while (grown[slot] != 0) {
            slot = (slot + 1) & mask;
          }
          grown[slot] = s;
        }
      }
      slots = grown;
    }
  }
}
