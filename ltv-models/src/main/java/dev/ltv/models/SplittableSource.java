package dev.ltv.models;

import java.util.SplittableRandom;
import org.hipparchus.random.RandomGenerator;

/**
 * A seeded {@link SplittableRandom} seen as a Hipparchus generator, so that simulations draw their
 * gamma and beta variates from Hipparchus' samplers with a reproducible JDK stream.
 */
final class SplittableSource implements RandomGenerator {

  private final SplittableRandom random;

  SplittableSource(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void setSeed(int seed) {
    throw new UnsupportedOperationException("the seed is fixed at construction");
  }

  @Override
  public void setSeed(int[] seed) {
    throw new UnsupportedOperationException("the seed is fixed at construction");
  }

  @Override
  public void setSeed(long seed) {
    throw new UnsupportedOperationException("the seed is fixed at construction");
  }

  @Override
  public void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public void nextBytes(byte[] bytes, int offset, int length) {
    byte[] part = new byte[length];
    random.nextBytes(part);
    System.arraycopy(part, 0, bytes, offset, length);
  }

  @Override
  public int nextInt() {
    return random.nextInt();
  }

  @Override
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }

  @Override
  public long nextLong(long bound) {
    return random.nextLong(bound);
  }

  @Override
  public boolean nextBoolean() {
    return random.nextBoolean();
  }

  @Override
  public float nextFloat() {
    return random.nextFloat();
  }

  @Override
  public double nextDouble() {
    return random.nextDouble();
  }

  @Override
  public double nextGaussian() {
    return random.nextGaussian();
  }
}
