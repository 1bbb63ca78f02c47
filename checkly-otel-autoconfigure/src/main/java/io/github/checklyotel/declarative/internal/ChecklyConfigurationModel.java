package io.github.checklyotel.declarative.internal;

import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.BaggagePropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rule that makes a declarative configuration record only Checkly traces, whatever the user
 * wrote: applied to the model before OpenTelemetry builds the SDK from it, by the starter and by
 * the Java agent extension alike.
 *
 * <ul>
 *   <li>the sampler is {@code checkly}, in place of any other (which would record requests that are
 *       not Checkly's);
 *   <li>the {@code checkly} propagator stands where {@code tracecontext} stood, or first; without
 *       any propagator configured, {@code checkly} and {@code baggage}, OpenTelemetry's defaults;
 *   <li>the {@code checkly} span processor is added, for the calls that may come back;
 *   <li>meter and logger providers stay as written: absent, nothing but traces is exported, as with
 *       the starter's properties.
 * </ul>
 *
 * <p>It returns what it changed, for the startup line: the starter is never silent about a model it
 * changed.
 */
public final class ChecklyConfigurationModel {

  private static final String TRACECONTEXT = "tracecontext";

  private static final String NAME = ChecklyComponentProvider.NAME;

  private ChecklyConfigurationModel() {}

  /** Applies the rule to {@code model} in place and returns what it changed, if anything. */
  public static List<String> apply(OpenTelemetryConfigurationModel model) {
    List<String> changes = new ArrayList<>();
    TracerProviderModel tracerProvider = model.getTracerProvider();
    if (tracerProvider == null) {
      tracerProvider = new TracerProviderModel();
      model.withTracerProvider(tracerProvider);
    }
    String sampler = describe(tracerProvider.getSampler());
    if (!NAME.equals(sampler)) {
      tracerProvider.withSampler(
          new SamplerModel().withAdditionalProperty(NAME, new SamplerPropertyModel()));
      changes.add(
          "tracer_provider.sampler set to "
              + NAME
              + (sampler == null ? "" : " in place of " + sampler));
    }
    applyPropagators(model, changes);
    List<SpanProcessorModel> processors =
        (tracerProvider.getProcessors() != null)
            ? new ArrayList<>(tracerProvider.getProcessors())
            : new ArrayList<>();
    if (processors.stream().noneMatch(p -> p.getAdditionalProperties().containsKey(NAME))) {
      processors.add(
          new SpanProcessorModel().withAdditionalProperty(NAME, new SpanProcessorPropertyModel()));
      tracerProvider.withProcessors(processors);
      changes.add("span processor " + NAME + " added");
    }
    return changes;
  }

  /** What the model exports beside traces: its meter and logger providers, if it has them. */
  public static String describeOtherSignals(OpenTelemetryConfigurationModel model) {
    return "metrics "
        + ((model.getMeterProvider() != null) ? "as configured" : "off")
        + ", logs "
        + ((model.getLoggerProvider() != null) ? "as configured" : "off");
  }

  private static void applyPropagators(
      OpenTelemetryConfigurationModel model, List<String> changes) {
    PropagatorModel propagator = model.getPropagator();
    if (propagator == null
        || ((propagator.getComposite() == null || propagator.getComposite().isEmpty())
            && (propagator.getCompositeList() == null
                || propagator.getCompositeList().isBlank()))) {
      model.withPropagator(
          new PropagatorModel()
              .withComposite(
                  List.of(
                      checklyPropagator(),
                      new TextMapPropagatorModel().withBaggage(new BaggagePropagatorModel()))));
      changes.add("propagator set to " + NAME + ", baggage");
      return;
    }
    boolean named = false;
    List<TextMapPropagatorModel> composite = new ArrayList<>();
    if (propagator.getComposite() != null) {
      for (TextMapPropagatorModel entry : propagator.getComposite()) {
        if (entry.getTracecontext() != null) {
          composite.add(checklyPropagator());
          changes.add("propagator " + NAME + " in place of " + TRACECONTEXT);
          named = true;
        } else {
          named |= entry.getAdditionalProperties().containsKey(NAME);
          composite.add(entry);
        }
      }
    }
    String list = propagator.getCompositeList();
    if (list != null && !list.isBlank()) {
      List<String> names =
          Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toList());
      if (names.contains(TRACECONTEXT)) {
        names.replaceAll(name -> name.equals(TRACECONTEXT) ? NAME : name);
        propagator.withCompositeList(String.join(",", names));
        changes.add("propagator " + NAME + " in place of " + TRACECONTEXT + " in composite_list");
      }
      named |= names.contains(NAME);
    }
    if (!named) {
      composite.add(0, checklyPropagator());
      changes.add("propagator " + NAME + " added first");
    }
    propagator.withComposite(composite);
  }

  private static TextMapPropagatorModel checklyPropagator() {
    return new TextMapPropagatorModel()
        .withAdditionalProperty(NAME, new TextMapPropagatorPropertyModel());
  }

  private static int count(Object entry) {
    return (entry != null) ? 1 : 0;
  }

  /** The name of the sampler {@code sampler} configures, or {@code null} for none. */
  static String describe(SamplerModel sampler) {
    if (sampler == null) {
      return null;
    }
    int standard =
        count(sampler.getAlwaysOn())
            + count(sampler.getAlwaysOff())
            + count(sampler.getParentBased())
            + count(sampler.getTraceIdRatioBased())
            + count(sampler.getProbabilityDevelopment())
            + count(sampler.getCompositeDevelopment())
            + count(sampler.getJaegerRemoteDevelopment());
    if (standard + sampler.getAdditionalProperties().size() > 1) {
      // OpenTelemetry would refuse it: a sampler has exactly one entry.
      return "several samplers";
    }
    if (sampler.getAdditionalProperties().size() == 1) {
      return sampler.getAdditionalProperties().keySet().iterator().next();
    }
    if (sampler.getAlwaysOn() != null) {
      return "always_on";
    }
    if (sampler.getAlwaysOff() != null) {
      return "always_off";
    }
    if (sampler.getParentBased() != null) {
      return "parent_based";
    }
    if (sampler.getTraceIdRatioBased() != null) {
      return "trace_id_ratio_based";
    }
    return "another sampler";
  }
}
