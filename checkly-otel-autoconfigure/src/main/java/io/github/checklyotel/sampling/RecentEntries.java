package io.github.checklyotel.sampling;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * A concurrent map that keeps its most recent {@linkplain #capacity() capacity} insertions and
 * forgets older ones first in, first out: an entry survives exactly that many later insertions,
 * whatever keys they have, so no choice of keys can push out a recent entry sooner.
 *
 * <p>Each value knows its key ({@code keyOf}), so that insertions go through a ring of values of
 * the same size, with nothing allocated to pair them; the value a slot held before is removed from
 * the map only if it is still the mapped value, so a later insertion under the same key survives.
 */
final class RecentEntries<K, V> {

  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

  private final AtomicReferenceArray<V> ring;

  private final Function<? super V, ? extends K> keyOf;

  private final AtomicLong insertions = new AtomicLong();

  private final int mask;

  /**
   * Keeps the latest {@code capacity} insertions, rounded up to a power of two, each value under
   * the key {@code keyOf} gives it.
   */
  RecentEntries(int capacity, Function<? super V, ? extends K> keyOf) {
    if (capacity < 1 || capacity > (1 << 30)) {
      throw new IllegalArgumentException("capacity must be between 1 and 2^30, was " + capacity);
    }
    int size = (capacity == 1) ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    this.ring = new AtomicReferenceArray<>(size);
    this.keyOf = keyOf;
    this.mask = size - 1;
  }

  /** Maps {@code value}'s key to it, replacing what that key mapped to. */
  void put(V value) {
    this.map.put(this.keyOf.apply(value), value);
    enqueue(value);
  }

  /** Maps {@code value}'s key to it unless that key maps to something already; returns that. */
  V putIfAbsent(V value) {
    V existing = this.map.putIfAbsent(this.keyOf.apply(value), value);
    if (existing == null) {
      enqueue(value);
    }
    return existing;
  }

  V get(K key) {
    return this.map.get(key);
  }

  /** Whether it maps no key at all: then nothing needs looking up. */
  boolean isEmpty() {
    return this.map.isEmpty();
  }

  /** Removes {@code key} if it maps to {@code value}: of concurrent callers, one succeeds. */
  boolean remove(K key, V value) {
    return this.map.remove(key, value);
  }

  /** How many insertions it keeps. */
  int capacity() {
    return this.ring.length();
  }

  /** Forgets everything. */
  void clear() {
    for (int slot = 0; slot < this.ring.length(); slot++) {
      this.ring.set(slot, null);
    }
    this.map.clear();
  }

  private void enqueue(V value) {
    int slot = (int) (this.insertions.getAndIncrement() & this.mask);
    V evicted = this.ring.getAndSet(slot, value);
    if (evicted != null) {
      this.map.remove(this.keyOf.apply(evicted), evicted);
    }
  }
}
