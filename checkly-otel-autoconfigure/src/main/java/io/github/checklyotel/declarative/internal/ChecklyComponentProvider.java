package io.github.checklyotel.declarative.internal;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One of the components named {@value #NAME} in a declarative configuration: the sampler, the
 * propagator or the span processor that learns this instance's calls out. Each takes its settings
 * from the {@code checkly.*} settings, never from the YAML under its name, so that one source
 * configures both ways of setting up OpenTelemetry.
 *
 * <p>Not final: a service file needs a class with a no-argument constructor, so the Java agent
 * extension registers small subclasses.
 */
public class ChecklyComponentProvider implements ComponentProvider {

  /** The name of every Checkly component in a declarative configuration. */
  public static final String NAME = "checkly";

  private final Class<?> type;

  private final Supplier<?> component;

  /** A component of {@code type}, which {@code component} supplies when the SDK asks for it. */
  protected ChecklyComponentProvider(Class<?> type, Supplier<?> component) {
    this.type = type;
    this.component = Objects.requireNonNull(component, "component");
  }

  /** The {@code checkly} sampler, which {@code sampler} supplies. */
  public static ChecklyComponentProvider sampler(Supplier<? extends Sampler> sampler) {
    return new ChecklyComponentProvider(Sampler.class, sampler);
  }

  /** The {@code checkly} propagator, which {@code propagator} supplies. */
  public static ChecklyComponentProvider propagator(
      Supplier<? extends TextMapPropagator> propagator) {
    return new ChecklyComponentProvider(TextMapPropagator.class, propagator);
  }

  /** The {@code checkly} span processor, which {@code spanProcessor} supplies. */
  public static ChecklyComponentProvider spanProcessor(
      Supplier<? extends SpanProcessor> spanProcessor) {
    return new ChecklyComponentProvider(SpanProcessor.class, spanProcessor);
  }

  @Override
  public final Class<?> getType() {
    return this.type;
  }

  @Override
  public final String getName() {
    return NAME;
  }

  @Override
  public final Object create(DeclarativeConfigProperties config) {
    return this.component.get();
  }

  @Override
  public final String toString() {
    return "ChecklyComponentProvider{" + this.type.getSimpleName() + " " + NAME + "}";
  }
}
