package dev.ltv.core;

import static com.google.common.base.Preconditions.checkState;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Arrays;

/**
 * Customer ids packed into one UTF-8 byte array with offsets: about ten bytes per short id instead
 * of the fifty a {@code String} costs. Immutable once built; the lookup by id is built on first
 * use, from the same bytes, at 8 bytes per id.
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

  /**
   * A hash of the bytes {@code [from, to)}, mixed so that its low bits can index a table. The bytes
   * are taken eight at a time as little-endian words, the last one padded with zeros, so that the
   * hash of a short id can be computed from its one or two words alone ({@link #hash(long, long,
   * int)}).
   */
  static int hash(byte[] source, int from, int to) {
    int length = to - from;
    long h = seed(length);
    for (int i = from; i < to; i += 8) {
      h = mix(h, word(source, i, Math.min(to, i + 8)));
    }
    return finish(h);
  }

  /**
   * The hash of an id of {@code length} bytes, 1 to 16, whose bytes as little-endian words are
   * {@code first} and {@code second} (zero for ids of up to eight bytes): the same as {@link
   * #hash(byte[], int, int)}.
   */
  static int hash(long first, long second, int length) {
    long h = mix(seed(length), first);
    return finish(length > 8 ? mix(h, second) : h);
  }

  /** The bytes {@code [from, to)}, at most eight, as a little-endian word. */
  static long word(byte[] source, int from, int to) {
    long w = 0;
    for (int i = to - 1; i >= from; i--) {
      w = w << 8 | (source[i] & 0xFF);
    }
    return w;
  }

  private static long seed(int length) {
    return length * 0x9E3779B97F4A7C15L;
  }

  private static long mix(long h, long word) {
    return Long.rotateLeft(h ^ word * 0xC2B2AE3D27D4EB4FL, 31) * 0x165667B19E3779F9L;
  }

  /** The finalizer of MurmurHash3's 64-bit variant, which spreads every bit over the low bits. */
  private static int finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return (int) (h ^ h >>> 33);
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
   * compared by their UTF-8 bytes in an open-addressing hash table, so that an id read as
   * characters can be looked up without making a {@code String} of it.
   *
   * <p>With a million customers the table is far larger than the processor's caches, so each
   * lookup waits for memory. Two things keep those waits few and short. A slot holds the bytes of
   * an id of up to 16 bytes besides its position, so that such an id is recognised from the slot
   * alone, without a second wait for the id's bytes; longer ids, and ids with a zero byte, are
   * compared with the stored bytes. And ids are interned in batches: {@link #offer} queues one,
   * {@link #internPending} interns the queue, first loading the slot of every queued id and only
   * then doing the lookups proper. The loads of a batch do not depend on one another, so the
   * processor waits for them all at once.
   */
  static final class Interner extends Builder {
    /** Ids interned together. */
    static final int BATCH = 256;

    /** The longest id held in a slot, in bytes. */
    private static final int INLINE = 16;

    /** Longs per slot: (hash &lt;&lt; 32) | (position + 1), 0 when empty; then two words of id. */
    private static final int STRIDE = 3;

    /** The most slots: the table's longs must fit in one array. */
    private static final int MAX_CAPACITY = 1 << 29;

    private long[] slots;
    private int mask;
    private byte[] keys = new byte[BATCH * 16];
    private final int[] keyEnds = new int[BATCH];
    private final int[] hashes = new int[BATCH];
    // The queued id's bytes as words, when it can be held in a slot; firstWords is 0 otherwise.
    private final long[] firstWords = new long[BATCH];
    private final long[] secondWords = new long[BATCH];
    private final long[] warmed = new long[BATCH];
    private final long[] warmedEnds = new long[BATCH];
    private final int[] single = new int[BATCH];
    private int pending;

    Interner(int expected) {
      super(expected);
      int capacity = tableSize(expected);
      slots = new long[capacity * STRIDE];
      mask = capacity - 1;
    }

    /** The number of ids queued. */
    int pending() {
      return pending;
    }

    /** Queues an id, to be interned by {@link #internPending}; at most {@link #BATCH} at once. */
    void offer(String id) {
      int length = id.length();
      int start = reserve(length);
      long first = 0;
      long second = 0;
      for (int i = 0; i < length; i++) {
        char c = id.charAt(i);
        if (c == 0 || c >= 0x80) {
          queueEncoded(start, id.getBytes(UTF_8));
          return;
        }
        keys[start + i] = (byte) c;
        if (i < 8) {
          first |= (long) c << (i << 3);
        } else if (i < INLINE) {
          second |= (long) c << ((i - 8) << 3);
        }
      }
      queue(start, length, first, second);
    }

    /** Queues the id held in {@code chars[from, to)}, as {@link #offer(String)} does. */
    void offer(char[] chars, int from, int to) {
      int length = to - from;
      int start = reserve(length);
      long first = 0;
      long second = 0;
      for (int i = 0; i < length; i++) {
        char c = chars[from + i];
        if (c == 0 || c >= 0x80) {
          queueEncoded(start, new String(chars, from, length).getBytes(UTF_8));
          return;
        }
        keys[start + i] = (byte) c;
        if (i < 8) {
          first |= (long) c << (i << 3);
        } else if (i < INLINE) {
          second |= (long) c << ((i - 8) << 3);
        }
      }
      queue(start, length, first, second);
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
      for (int k = 0; k < count; k++) {
        // A slot may straddle two cache lines: load its first and its last word.
        int slot = (hashes[k] & mask) * STRIDE;
        warmed[k] = table[slot];
        warmedEnds[k] = table[slot + STRIDE - 1];
      }
      for (int k = 0; k < count; k++) {
        // Ids compared by their stored bytes: load those too before the lookups.
        if (firstWords[k] == 0 && warmed[k] != 0) {
          warmed[k] = firstByte((int) warmed[k] - 1);
        }
      }
      for (int k = 0; k < count; k++) {
        positions[k] = intern(k);
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

    /**
     * Queues the id of {@code length} bytes just written at {@code start}, plain ASCII without
     * zeros, whose first 16 bytes are the little-endian words {@code first} and {@code second}.
     */
    private void queue(int start, int length, long first, long second) {
      queue(start, length, first, second, length > 0 && length <= INLINE);
    }

    /**
     * Queues the id of {@code length} bytes just written at {@code start}; if {@code inline}, its
     * bytes are the words {@code first} and {@code second}, and are compared as such.
     */
    private void queue(int start, int length, long first, long second, boolean inline) {
      int k = pending++;
      keyEnds[k] = start + length;
      hashes[k] = inline ? hash(first, second, length) : hash(keys, start, start + length);
      firstWords[k] = inline ? first : 0;
      secondWords[k] = inline ? second : 0;
    }

    /** Queues an id that is not plain ASCII, or has a zero: the slow and general way. */
    private void queueEncoded(int start, byte[] encoded) {
      int length = encoded.length;
      if (start + length > keys.length) {
        keys = Arrays.copyOf(keys, Math.max(keys.length * 2, start + length));
      }
      System.arraycopy(encoded, 0, keys, start, length);
      boolean zero = false;
      for (byte b : encoded) {
        zero |= b == 0;
      }
      // Words with zeros would not tell the id's length: such ids are compared by their bytes.
      queue(
          start,
          length,
          word(keys, start, start + Math.min(length, 8)),
          length > 8 ? word(keys, start + 8, start + Math.min(length, INLINE)) : 0,
          !zero && length > 0 && length <= INLINE);
    }

    /** The position of the queued id {@code k}, added if it is new. */
    private int intern(int k) {
      int hash = hashes[k];
      long first = firstWords[k];
      long second = secondWords[k];
      int from = keyStart(k);
      int to = keyEnds[k];
      long tag = (long) hash << 32;
      long[] table = slots;
      int slot = hash & mask;
      for (long s = table[slot * STRIDE]; s != 0; s = table[slot * STRIDE]) {
        if ((s & 0xFFFFFFFF00000000L) == tag) {
          int p = (int) s - 1;
          if (first != 0
              ? table[slot * STRIDE + 1] == first && table[slot * STRIDE + 2] == second
              : holds(p, keys, from, to)) {
            return p;
          }
        }
        slot = (slot + 1) & mask;
      }
      int position = append(keys, from, to);
      table[slot * STRIDE] = tag | (position + 1);
      table[slot * STRIDE + 1] = first;
      table[slot * STRIDE + 2] = second;
      if (2 * size() > mask + 1) {
        if (mask + 1 == MAX_CAPACITY) {
          checkState(size() < MAX_CAPACITY - 1, "more than %s distinct customer ids", size());
        } else {
          rehash((mask + 1) * 2);
        }
      }
      return position;
    }

    private void rehash(int capacity) {
      long[] grown = new long[capacity * STRIDE];
      int newMask = capacity - 1;
      for (int i = 0; i < slots.length; i += STRIDE) {
        long s = slots[i];
        if (s != 0) {
          int slot = (int) (s >>> 32) & newMask;
          while (grown[slot * STRIDE] != 0) {
            slot = (slot + 1) & newMask;
          }
          grown[slot * STRIDE] = s;
          grown[slot * STRIDE + 1] = slots[i + 1];
          grown[slot * STRIDE + 2] = slots[i + 2];
        }
      }
      slots = grown;
      mask = newMask;
    }
  }
}
