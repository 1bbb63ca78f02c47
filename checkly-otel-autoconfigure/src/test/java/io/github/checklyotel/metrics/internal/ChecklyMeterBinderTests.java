package io.github.checklyotel.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecklyMeterBinderTests {

  private static final TextMapGetter<Map<String, String>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countersFollowTheirSources() {
    ChecklySampler sampler = ChecklySampler.create(ChecklyTraceLimiter.create(1, 1));
    ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();
    ExportStatus status = new ExportStatus();
    new ChecklyMeterBinder(sampler, matcher, status).bindTo(this.registry);

    Context checkly = ChecklyContext.markChecklyRequest(Context.root());
    for (int i = 0; i < 3; i++) {
      sampler.shouldSample(
          checkly,
          "0af7651916cd43dd8448eb211c8031" + i + "c",
          "GET",
          SpanKind.SERVER,
          Attributes.empty(),
          List.of());
    }
    matcher.matches(Map.of("tracestate", "vendor=1"), HEADERS);
    matcher.matches(Map.of(), HEADERS);
    matcher.matches(Map.of("tracestate", "checkly=true"), HEADERS);
    status.recordSuccess(5);
    status.recordFailure(2, ExportFailureKind.UNAUTHORIZED);

    assertThat(count("checkly.traces.started")).isEqualTo(1);
    assertThat(count("checkly.traces.refused")).isEqualTo(2);
    assertThat(count("checkly.requests.dropped")).isEqualTo(2);
    assertThat(count("checkly.spans.exported")).isEqualTo(5);
    assertThat(count("checkly.spans.failed")).isEqualTo(2);
    assertThat(this.registry.get("checkly.spans.failed").functionCounter().getId().getBaseUnit())
        .isEqualTo("spans");
  }

  @Test
  void bindsOnlyWhatExists() {
    new ChecklyMeterBinder(ChecklySampler.create(), null, null).bindTo(this.registry);
    assertThat(this.registry.getMeters())
        .extracting((meter) -> meter.getId().getName())
        .containsExactly("checkly.traces.started");
  }

  private double count(String name) {
    return this.registry.get(name).functionCounter().count();
  }
}
