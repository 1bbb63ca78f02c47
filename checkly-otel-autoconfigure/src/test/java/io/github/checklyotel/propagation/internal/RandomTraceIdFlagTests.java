package io.github.checklyotel.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.ChecklySampler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W3C Trace Context Level 2's {@code random-trace-id} flag through a Checkly request that this
 * service records, with OpenTelemetry's SDK and the Checkly sampler: "If the flag is set in the
 * incoming {@code traceparent} header, it MUST also be set in all outgoing {@code traceparent}
 * headers which use the same {@code trace-id}", and "If the flag is unset in the incoming {@code
 * traceparent} header, it MUST also be unset in any outgoing {@code traceparent} headers which use
 * the same {@code trace-id}".
 */
class RandomTraceIdFlagTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().setSampler(ChecklySampler.create()).build();

  private final Tracer tracer = this.provider.get("random-flag");

  private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

  @AfterEach
  void close() {
    this.provider.close();
  }

  @ParameterizedTest(name = "incoming flags {0}")
  @ValueSource(strings = {"01", "03", "00", "02"})
  void aCallOutOfARecordedChecklyRequestKeepsTheCallersRandomFlag(String flags) {
    String outgoing = callOutOf("00-" + TRACE_ID + "-00f067aa0ba902b7-" + flags).get("traceparent");
    assertThat(outgoing).startsWith("00-" + TRACE_ID + "-").doesNotContain("00f067aa0ba902b7");
    boolean random = (Integer.parseInt(flags, 16) & 0x02) != 0;
    // Sampled, as a Checkly request is, and random exactly when the caller said so.
    assertThat(outgoing).endsWith(random ? "-03" : "-01");
  }

  /**
   * A Checkly request without a {@code traceparent} starts a trace: "When at least the right-most 7
   * bytes of the {@code trace-id} are randomly (or pseudo-randomly) generated, the {@code
   * random-trace-id} flag SHOULD be set to 1", as OpenTelemetry's random ids are.
   */
  @Test
  void aNewChecklyTraceSaysItsIdIsRandom() {
    Map<String, String> outgoing = callOutOf(null);
    assertThat(outgoing.get("traceparent")).endsWith("-03");
    assertThat(outgoing.get("tracestate")).isEqualTo("checkly=true");
  }

  /** The server span of a Checkly request, and the headers of a call made under it. */
  private Map<String, String> callOutOf(String traceparent) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (traceparent != null) {
      headers.put("traceparent", List.of(traceparent));
    }
    headers.put("tracestate", List.of("checkly=true"));
    Context extracted = this.propagator.extract(Context.root(), headers, HeaderLines.GETTER);
    Context marked =
        ChecklyContext.markChecklyRequest(extracted, (traceparent != null) ? TRACE_ID : null);
    Span server =
        this.tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).setParent(marked).startSpan();
    Span client =
        this.tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setParent(marked.with(server))
            .startSpan();
    Map<String, String> outgoing = new LinkedHashMap<>();
    this.propagator.inject(Context.root().with(client), outgoing, Map::put);
    client.end();
    server.end();
    return outgoing;
  }
}
