package io.github.checklyotel.benchmarks;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sampling decision the SDK asks for at the start of every span, for {@link ChecklySampler}
 * and, as a baseline, OpenTelemetry's {@code parentBased(alwaysOn())} on the same inputs.
 *
 * <p>Every input is built in {@link #setUp()}, so only the decision is measured. The {@code
 * ...WithTraceState} variants also ask the result for the span's trace state, as the SDK does next
 * for every span: for a Checkly entry span with no parent that adds {@code checkly=true}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SamplerBenchmark {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String REMOTE_SPAN_ID = "b7ad6b7169203331";
  private static final String LOCAL_SPAN_ID = "6ebaa389e1e4a847";

  /**
   * The parent context of the span being started:
   *
   * <ul>
   *   <li>{@code checkly-remote-parent}: a Checkly request with a {@code traceparent}: marked
   *       context, remote sampled parent whose trace state holds {@code checkly=true};
   *   <li>{@code checkly-no-parent}: a Checkly request without {@code traceparent}: marked root
   *       context;
   *   <li>{@code plain-root}: an ordinary request, a scheduled task or a startup span: {@link
   *       Context#root()};
   *   <li>{@code plain-remote-parent}: a request from another traced system: remote sampled parent
   *       with an empty trace state, no mark;
   *   <li>{@code local-sampled-parent}: a child span (JDBC, client call) of a Checkly span;
   *   <li>{@code local-unsampled-parent}: a child span of a dropped span.
   * </ul>
   */
  @Param({
    "checkly-remote-parent",
    "checkly-no-parent",
    "plain-root",
    "plain-remote-parent",
    "local-sampled-parent",
    "local-unsampled-parent"
  })
  public String parent;

  private Sampler checkly;
  private Sampler checklyCapped;
  private Sampler baseline;

  private Context parentContext;
  private TraceState parentTraceState;
  private String traceId;
  private String spanName;
  private SpanKind spanKind;
  private Attributes attributes;
  private List<LinkData> links;

  @Setup
  public void setUp() {
    checkly = ChecklySampler.create();
    // A cap too high to refuse anything here: this measures what taking a token costs.
    checklyCapped = ChecklySampler.create(ChecklyTraceLimiter.create(1e12, Integer.MAX_VALUE));
    baseline = Sampler.parentBased(Sampler.alwaysOn());
    TraceState checklyTraceState = TraceState.builder().put("checkly", "true").build();
    parentContext =
        switch (parent) {
          case "checkly-remote-parent" ->
              ChecklyContext.markChecklyRequest(Context.root(), TRACE_ID)
                  .with(
                      Span.wrap(
                          SpanContext.createFromRemoteParent(
                              TRACE_ID,
                              REMOTE_SPAN_ID,
                              TraceFlags.getSampled(),
                              checklyTraceState)));
          case "checkly-no-parent" -> ChecklyContext.markChecklyRequest(Context.root());
          case "plain-root" -> Context.root();
          case "plain-remote-parent" ->
              Context.root()
                  .with(
                      Span.wrap(
                          SpanContext.createFromRemoteParent(
                              TRACE_ID,
                              REMOTE_SPAN_ID,
                              TraceFlags.getSampled(),
                              TraceState.getDefault())));
          case "local-sampled-parent" ->
              Context.root()
                  .with(
                      Span.wrap(
                          SpanContext.create(
                              TRACE_ID,
                              LOCAL_SPAN_ID,
                              TraceFlags.getSampled(),
                              checklyTraceState)));
          case "local-unsampled-parent" ->
              Context.root()
                  .with(
                      Span.wrap(
                          SpanContext.create(
                              TRACE_ID,
                              LOCAL_SPAN_ID,
                              TraceFlags.getDefault(),
                              TraceState.getDefault())));
          default -> throw new IllegalArgumentException("unknown parent: " + parent);
        };
    parentTraceState = Span.fromContext(parentContext).getSpanContext().getTraceState();
    // A new trace gets a new ID from the SDK; a child keeps its parent's.
    traceId = TRACE_ID;

    boolean child = parent.startsWith("local-");
    spanName = child ? "SELECT shop.orders" : "GET /api/hello";
    spanKind = child ? SpanKind.CLIENT : SpanKind.SERVER;
    attributes =
        child
            ? Attributes.of(AttributeKey.stringKey("db.system.name"), "h2")
            : Attributes.of(
                AttributeKey.stringKey("http.request.method"),
                "GET",
                AttributeKey.stringKey("url.path"),
                "/api/hello");
    links = List.of();

    boolean checklySamples = parent.startsWith("checkly-") || parent.equals("local-sampled-parent");
    SamplingDecision decision = checklySampler().getDecision();
    if ((decision == SamplingDecision.RECORD_AND_SAMPLE) != checklySamples) {
      throw new IllegalStateException("unexpected decision for " + parent + ": " + decision);
    }
  }

  @Benchmark
  public SamplingResult checklySampler() {
    return checkly.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  /** With the spoofing cap on, as by default: Checkly entry spans take a token. */
  @Benchmark
  public SamplingResult checklySamplerCapped() {
    return checklyCapped.shouldSample(
        parentContext, traceId, spanName, spanKind, attributes, links);
  }

  @Benchmark
  public SamplingResult parentBasedAlwaysOn() {
    return baseline.shouldSample(parentContext, traceId, spanName, spanKind, attributes, links);
  }

  @Benchmark
  public TraceState checklySamplerWithTraceState() {
    return checkly
        .shouldSample(parentContext, traceId, spanName, spanKind, attributes, links)
        .getUpdatedTraceState(parentTraceState);
  }

  @Benchmark
  public TraceState parentBasedAlwaysOnWithTraceState() {
    return baseline
        .shouldSample(parentContext, traceId, spanName, spanKind, attributes, links)
        .getUpdatedTraceState(parentTraceState);
  }
}
