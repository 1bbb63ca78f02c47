package io.github.checklyotel.agent.internal;

import io.github.checklyotel.declarative.internal.ChecklyComponentProvider;
import io.github.checklyotel.declarative.internal.ChecklyConfigurationModel;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the OpenTelemetry Java agent the starter's behaviour when it builds its SDK from a
 * declarative configuration file ({@code otel.config.file} or {@code OTEL_CONFIG_FILE}), where it
 * calls no {@link ChecklyAgentCustomizer}: the model is made to record only Checkly traces ({@link
 * ChecklyConfigurationModel}) and the agent's log says how, once. The {@code checkly} sampler,
 * propagator and span processor are the nested components, which the agent finds through the
 * extension's service files.
 */
public final class ChecklyAgentDeclarativeConfiguration
    implements DeclarativeConfigurationCustomizerProvider {

  /** The JDK's logger, which the agent routes to its own log. */
  private static final Logger logger =
      Logger.getLogger(ChecklyAgentDeclarativeConfiguration.class.getName());

  @Override
  public void customize(DeclarativeConfigurationCustomizer customizer) {
    customizer.addModelCustomizer(
        model -> {
          List<String> changes = ChecklyConfigurationModel.apply(model);
          logger.log(
              Level.INFO,
              "Checkly extension for the OpenTelemetry Java agent (declarative configuration):"
                  + " recording only "
                  + ChecklyAgentComponents.declarative().settings().describeAdmission()
                  + "; "
                  + ChecklyConfigurationModel.describeOtherSignals(model)
                  + (changes.isEmpty() ? "" : "; changed: " + String.join(", ", changes)));
          return model;
        });
  }

  @Override
  public int order() {
    // After other customizers, so that nothing changes the model after this rule.
    return Integer.MAX_VALUE;
  }

  /** The {@code checkly} sampler. */
  public static final class SamplerComponent extends ChecklyComponentProvider {

    public SamplerComponent() {
      super(Sampler.class, () -> ChecklyAgentComponents.declarative().sampler());
    }
  }

  /** The {@code checkly} propagator: the boundary, where the agent extracts each request. */
  public static final class PropagatorComponent extends ChecklyComponentProvider {

    public PropagatorComponent() {
      super(TextMapPropagator.class, () -> ChecklyAgentComponents.declarative().propagator());
    }
  }

  /** The {@code checkly} span processor, which learns the calls that may come back. */
  public static final class SpanProcessorComponent extends ChecklyComponentProvider {

    public SpanProcessorComponent() {
      super(
          SpanProcessor.class,
          () -> ChecklyAgentComponents.declarative().outgoingSpans().spanProcessor());
    }
  }
}
