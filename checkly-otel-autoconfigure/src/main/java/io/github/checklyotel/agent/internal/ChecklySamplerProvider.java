package io.github.checklyotel.agent.internal;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** Makes the Checkly sampler available to the agent as {@code otel.traces.sampler=checkly}. */
public final class ChecklySamplerProvider implements ConfigurableSamplerProvider {

  /** The sampler's name in {@code otel.traces.sampler}. */
  public static final String NAME = "checkly";

  @Override
  public Sampler createSampler(ConfigProperties config) {
    return ChecklyAgentComponents.of(config).sampler();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
