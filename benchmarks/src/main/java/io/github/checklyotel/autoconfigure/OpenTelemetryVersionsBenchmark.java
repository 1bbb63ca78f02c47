package io.github.checklyotel.autoconfigure;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the startup check of OpenTelemetry's versions costs an application: it runs once per start,
 * so what counts is its first run in a fresh JVM, loading the classes it probes (which
 * OpenTelemetry's starter loads moments later anyway), each fork being one application start. The
 * second benchmark loads those classes first, unmeasured, to leave what the check adds.
 *
 * <p>This jar merges every library into one, so their own manifests, where the check reads their
 * versions, are gone: each library is given the version the starter was built with instead, so that
 * the check does its whole work, as it does on a good class path. Reading a version off a class's
 * package is a field read; the manifest was read when the class loader defined it.
 *
 * <p>It sits in the starter's {@code autoconfigure} package because the check is package-private
 * there: it is not API.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class OpenTelemetryVersionsBenchmark {

  /** The check as an application runs it: once, first thing, in a JVM that has not yet run it. */
  @Benchmark
  public void firstCheckInAFreshJvm() {
    check();
  }

  private static void check() {
    OpenTelemetryVersions.check(
        OpenTelemetryVersionsBenchmark.class.getClassLoader(),
        OpenTelemetryVersionsBenchmark::builtWith);
  }

  /** The version the starter was built with, for the release a library belongs to. */
  private static String builtWith(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("io.opentelemetry.semconv.")) {
      return StarterBuild.semconvVersion();
    }
    return name.startsWith("io.opentelemetry.instrumentation.")
        ? StarterBuild.instrumentationVersion()
        : StarterBuild.opentelemetryVersion();
  }

  /** The probed classes, loaded before the measurement as OpenTelemetry's starter would. */
  @State(Scope.Benchmark)
  public static class LoadedClasses {

    @Setup(Level.Trial)
    public void load() throws ClassNotFoundException {
      for (String name : OpenTelemetryVersions.probedClasses()) {
        Class.forName(name, false, OpenTelemetryVersionsBenchmark.class.getClassLoader());
      }
    }
  }

  /** The first check in a fresh JVM whose probed classes are already loaded: its own cost. */
  @Benchmark
  public void firstCheckWithTheClassesLoaded(LoadedClasses loaded) {
    check();
  }
}
