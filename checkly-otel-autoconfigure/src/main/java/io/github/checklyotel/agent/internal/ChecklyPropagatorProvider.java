package io.github.checklyotel.agent.internal;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;

/**
 * Makes the Checkly boundary available as {@code otel.propagators=checkly}, for a list that names
 * it instead of {@code tracecontext}, which it replaces anyway.
 */
public final class ChecklyPropagatorProvider implements ConfigurablePropagatorProvider {

  /** The propagator's name in {@code otel.propagators}. */
  public static final String NAME = "checkly";

  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    return ChecklyAgentComponents.of(config).propagator();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
