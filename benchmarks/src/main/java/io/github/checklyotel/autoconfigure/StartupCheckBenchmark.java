package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the startup check's probe of the SDK costs an application: it runs once per start, so what
 * counts is its first run in a fresh JVM (each fork is one start) on an SDK that was built, as the
 * application's is, before the check. It sits in the starter's {@code autoconfigure} package
 * because the check is package-private there: it is not API.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class StartupCheckBenchmark {

  /** An SDK with the Checkly sampler, as the starter builds it, made before the measurement. */
  @State(Scope.Benchmark)
  public static class Sdk {

    private SdkTracerProvider tracerProvider;

    OpenTelemetry sdk;

    @Setup(Level.Trial)
    public void build() {
      ChecklySamplingSettings settings = ChecklySamplingSettings.defaults();
      this.tracerProvider =
          SdkTracerProvider.builder()
              .setSampler(settings.createSampler(settings.createOutgoingSpans()))
              .build();
      this.sdk =
          new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
              return Sdk.this.tracerProvider;
            }

            @Override
            public ContextPropagators getPropagators() {
              return ContextPropagators.noop();
            }
          };
      // The application has started spans of its own, Spring's or JDBC's, before the check.
      this.sdk.getTracer("warm-up").spanBuilder("warm-up").startSpan().end();
    }

    @TearDown(Level.Trial)
    public void close() {
      this.tracerProvider.close();
    }
  }

  /** The probe as an application runs it: once, on the SDK it built. */
  @Benchmark
  public List<String> firstProbeInAFreshJvm(Sdk sdk) {
    return ChecklyStartupCheck.probe(sdk.sdk);
  }
}
