package io.github.checklyotel.declarative.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.AlwaysOnSamplerModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.B3PropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.BaggagePropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.MeterProviderModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.OpenTelemetryConfigurationModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.ParentBasedSamplerModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.PropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SamplerPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.SpanProcessorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TextMapPropagatorPropertyModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TraceContextPropagatorModel;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.model.TracerProviderModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule on hand-picked models: empty, already right, and each way a user may write it. */
class ChecklyConfigurationModelTests {

  @Test
  void anEmptyModelGetsEveryComponentAndOpenTelemetrysDefaultPropagators() {
    OpenTelemetryConfigurationModel model = new OpenTelemetryConfigurationModel();
    assertThat(ChecklyConfigurationModel.apply(model))
        .containsExactly(
            "tracer_provider.sampler set to checkly",
            "propagator set to checkly, baggage",
            "span processor checkly added");
    assertThat(samplerName(model)).isEqualTo("checkly");
    assertThat(model.getPropagator().getComposite()).hasSize(2);
    assertThat(model.getPropagator().getComposite().get(0).getAdditionalProperties())
        .containsOnlyKeys("checkly");
    assertThat(model.getPropagator().getComposite().get(1).getBaggage()).isNotNull();
    assertThat(model.getTracerProvider().getProcessors()).hasSize(1);
    assertThat(ChecklyConfigurationModel.describeOtherSignals(model))
        .isEqualTo("metrics off, logs off");
  }

  @Test
  void aModelThatIsAlreadyRightIsLeftAsItIs() {
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withTracerProvider(
                new TracerProviderModel()
                    .withSampler(
                        new SamplerModel()
                            .withAdditionalProperty("checkly", new SamplerPropertyModel()))
                    .withProcessors(
                        List.of(
                            new SpanProcessorModel()
                                .withAdditionalProperty(
                                    "checkly", new SpanProcessorPropertyModel()))))
            .withPropagator(new PropagatorModel().withCompositeList("checkly,baggage"));
    assertThat(ChecklyConfigurationModel.apply(model)).isEmpty();
    assertThat(model.getPropagator().getCompositeList()).isEqualTo("checkly,baggage");
    assertThat(model.getTracerProvider().getProcessors()).hasSize(1);
  }

  @Test
  void anyOtherSamplerIsReplacedAndNamed() {
    SamplerModel parentBased =
        new SamplerModel()
            .withParentBased(
                new ParentBasedSamplerModel()
                    .withRoot(new SamplerModel().withAlwaysOn(new AlwaysOnSamplerModel())));
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withTracerProvider(new TracerProviderModel().withSampler(parentBased));
    assertThat(ChecklyConfigurationModel.apply(model))
        .contains("tracer_provider.sampler set to checkly in place of parent_based");
    assertThat(samplerName(model)).isEqualTo("checkly");
    assertThat(model.getTracerProvider().getSampler().getParentBased()).isNull();
  }

  @Test
  void aSamplerOfSeveralEntriesIsReplacedEvenIfOneIsCheckly() {
    SamplerModel two =
        new SamplerModel()
            .withAlwaysOn(new AlwaysOnSamplerModel())
            .withAdditionalProperty("checkly", new SamplerPropertyModel());
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withTracerProvider(new TracerProviderModel().withSampler(two));
    assertThat(ChecklyConfigurationModel.apply(model))
        .contains("tracer_provider.sampler set to checkly in place of several samplers");
    assertThat(model.getTracerProvider().getSampler().getAlwaysOn()).isNull();
    assertThat(samplerName(model)).isEqualTo("checkly");
  }

  @Test
  void tracecontextIsReplacedWhereItStandsAndOtherPropagatorsStay() {
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withPropagator(
                new PropagatorModel()
                    .withComposite(
                        List.of(
                            new TextMapPropagatorModel().withB3(new B3PropagatorModel()),
                            new TextMapPropagatorModel()
                                .withTracecontext(new TraceContextPropagatorModel()),
                            new TextMapPropagatorModel()
                                .withBaggage(new BaggagePropagatorModel()))));
    assertThat(ChecklyConfigurationModel.apply(model))
        .contains("propagator checkly in place of tracecontext");
    List<TextMapPropagatorModel> composite = model.getPropagator().getComposite();
    assertThat(composite).hasSize(3);
    assertThat(composite.get(0).getB3()).isNotNull();
    assertThat(composite.get(1).getTracecontext()).isNull();
    assertThat(composite.get(1).getAdditionalProperties()).containsOnlyKeys("checkly");
    assertThat(composite.get(2).getBaggage()).isNotNull();
  }

  @Test
  void tracecontextInTheCompositeListIsReplacedToo() {
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withPropagator(new PropagatorModel().withCompositeList(" baggage , tracecontext"));
    assertThat(ChecklyConfigurationModel.apply(model))
        .contains("propagator checkly in place of tracecontext in composite_list");
    assertThat(model.getPropagator().getCompositeList()).isEqualTo("baggage,checkly");
  }

  @Test
  void propagatorsWithoutTracecontextGetCheckly() {
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withPropagator(
                new PropagatorModel()
                    .withComposite(
                        List.of(new TextMapPropagatorModel().withB3(new B3PropagatorModel()))));
    assertThat(ChecklyConfigurationModel.apply(model)).contains("propagator checkly added first");
    assertThat(model.getPropagator().getComposite().get(0).getAdditionalProperties())
        .containsOnlyKeys("checkly");
    assertThat(model.getPropagator().getComposite().get(1).getB3()).isNotNull();
  }

  @Test
  void theUsersProcessorsStayAndOtherSignalsAreReportedAsConfigured() {
    SpanProcessorModel users = new SpanProcessorModel();
    OpenTelemetryConfigurationModel model =
        new OpenTelemetryConfigurationModel()
            .withTracerProvider(new TracerProviderModel().withProcessors(List.of(users)))
            .withMeterProvider(new MeterProviderModel())
            .withPropagator(
                new PropagatorModel()
                    .withComposite(
                        List.of(
                            new TextMapPropagatorModel()
                                .withAdditionalProperty(
                                    "checkly", new TextMapPropagatorPropertyModel()))));
    ChecklyConfigurationModel.apply(model);
    assertThat(model.getTracerProvider().getProcessors()).hasSize(2).first().isSameAs(users);
    assertThat(ChecklyConfigurationModel.describeOtherSignals(model))
        .isEqualTo("metrics as configured, logs off");
  }

  private static String samplerName(OpenTelemetryConfigurationModel model) {
    return ChecklyConfigurationModel.describe(model.getTracerProvider().getSampler());
  }
}
