package io.github.checklyotel.sampling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A concurrent map that keeps its most recent {@linkplain #capacity() capacity} insertions and
 * forgets older ones first in, first out: an entry survives exactly that many later insertions,
 * whatever keys they have, so no choice of keys can push out a recent entry sooner.
 *
 * <p>Insertions go through a ring of the same size; the entry a slot held before is removed from
 * the map only if it is still the mapped value, so a later insertion under the same key survives.
 */
final class RecentEntries<K, V> {

  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

  private final AtomicReferenceArray<Map.Entry<K, V>> ring;

  private final AtomicLong insertions = new AtomicLong();

  private final int mask;

  /** Keeps the latest {@code capacity} insertions, rounded up to a power of two. */
  RecentEntries(int capacity) {
    if (capacity < 1 || capacity > (1 << 30)) {
      throw new IllegalArgumentException("capacity must be between 1 and 2^30, was " + capacity);
    }
    int size = (capacity == 1) ? 1 : Integer.highestOneBit(capacity - 1) << 1;
    this.ring = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /** Maps {@code key} to {@code value}, replacing what it mapped to. */
  void put(K key, V value) {
    this.map.put(key, value);
    enqueue(key, value);
  }

  /** Maps {@code key} to {@code value} unless it maps to something already; returns that. */
  V putIfAbsent(K key, V value) {
    V existing = this.map.putIfAbsent(key, value);
    if (existing == null) {
      enqueue(key, value);
    }
    return existing;
  }

  V get(K key) {
    return this.map.get(key);
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

  private void enqueue(K key, V value) {
    int slot = (int) (this.insertions.getAndIncrement() & this.mask);
    Map.Entry<K, V> evicted = this.ring.getAndSet(slot, Map.entry(key, value));
    if (evicted != null) {
      this.map.remove(evicted.getKey(), evicted.getValue());
    }
  }
}
