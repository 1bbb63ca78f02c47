package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.version.OpenTelemetryVersions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
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
 * so what counts is its first run in a fresh JVM, each fork being one application start. It reads
 * the version files of the OpenTelemetry modules, which this jar keeps, and loads one class of the
 * semantic conventions, whose version it does not judge here: this jar merges every library under
 * its own manifest. In an application, Spring has read many resources and loaded many classes by
 * then; the second benchmark does that first, unmeasured, with other resources and classes, which
 * leaves what the check itself adds.
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
    OpenTelemetryVersions.check(OpenTelemetryVersionsBenchmark.class.getClassLoader());
  }

  /**
   * The JDK's resource and class loading, lambdas and string concatenation used once, as Spring has
   * used them before the check.
   */
  @State(Scope.Benchmark)
  public static class UsedJdk {

    @Setup(Level.Trial)
    public void use() throws IOException, ClassNotFoundException {
      ClassLoader loader = OpenTelemetryVersionsBenchmark.class.getClassLoader();
      try (InputStream in = loader.getResource("META-INF/MANIFEST.MF").openStream()) {
        new Properties().load(in);
      }
      Class.forName("org.openjdk.jmh.runner.Runner", false, loader);
      // Lambdas and string concatenation are bootstrapped once per JVM, long before in Spring.
      java.util.function.Supplier<String> lambda = () -> "warm " + System.nanoTime();
      lambda.get();
    }
  }

  /** The first check in a fresh JVM whose JDK has read a resource and loaded a class before. */
  @Benchmark
  public void firstCheckAfterTheJdkIsUsed(UsedJdk used) {
    OpenTelemetryVersions.check(OpenTelemetryVersionsBenchmark.class.getClassLoader());
  }
}
