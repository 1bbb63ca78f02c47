package io.github.checklyotel.benchmarks;

import io.github.checklyotel.propagation.internal.ChecklyTraceState;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scan the boundary runs on the {@code tracestate} header of every request that has one: W3C
 * Trace Context Level 2's list rules, every line, without allocating.
 *
 * <p>Run with {@code -prof gc} to check that it allocates nothing ({@code gc.alloc.rate.norm} close
 * to 0 B/op).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChecklyTraceStateBenchmark {

  /** Which header line to scan; see {@link #line(String)}. */
  @Param({"checkly", "foreign", "32-members-checkly-last", "32-members-no-checkly", "malformed"})
  public String input;

  private String line;

  /** One header line, read again on each call without allocating an iterator. */
  private final OneLine lines = new OneLine();

  @Setup
  public void setUp() {
    line = line(input);
    lines.line = line;
    boolean expected = input.equals("checkly") || input.equals("32-members-checkly-last");
    if (hasChecklyMember() != expected) {
      throw new IllegalStateException("unexpected result for " + input + ": " + line);
    }
  }

  @Benchmark
  public boolean hasChecklyMember() {
    return ChecklyTraceState.hasChecklyMember(lines.reset());
  }

  static String line(String input) {
    return switch (input) {
      case "checkly" -> "checkly=true";
      case "foreign" -> "vendor=abc";
      // 31 foreign members of 15 characters, then Checkly's: 508 characters.
      case "32-members-checkly-last" -> foreignMembers(31) + ",checkly=true";
      // 32 foreign members of 15 characters: 511 characters.
      case "32-members-no-checkly" -> foreignMembers(32);
      // Invalid keys and values, empty members, a tab, and a near miss of Checkly's member.
      case "malformed" -> "Not A Key=@@,,\t,=,checkly=tru";
      default -> throw new IllegalArgumentException("unknown input: " + input);
    };
  }

  /** A reusable iterator over one header line. */
  private static final class OneLine implements Iterator<String> {

    private String line;

    private boolean read;

    OneLine reset() {
      this.read = false;
      return this;
    }

    @Override
    public boolean hasNext() {
      return !this.read;
    }

    @Override
    public String next() {
      if (this.read) {
        throw new NoSuchElementException();
      }
      this.read = true;
      return this.line;
    }
  }

  private static String foreignMembers(int count) {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        members.append(',');
      }
      members.append(String.format("vendor%02d=%06x", i, 0xabc000 + i));
    }
    return members.toString();
  }
}
