package io.github.checklyotel.sampling;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples exactly the spans of Checkly traces.
 *
 * <ul>
 *   <li>A span with a local parent follows its parent: only Checkly traces are ever sampled, so a
 *       sampled local parent is a Checkly span.
 *   <li>A span whose parent context is {@linkplain ChecklyContext#markChecklyRequest marked} as a
 *       Checkly request is sampled whatever its remote parent's sampled flag, or starts a new trace
 *       if there is no valid parent. Its trace state gains {@code checkly=true} so that outgoing
 *       calls carry the mark downstream.
 *   <li>A span with a remote parent whose parsed trace state already holds {@code checkly=true} is
 *       sampled, for entry points the web filter does not see.
 *   <li>Everything else is dropped: ordinary requests, their children, and spans with no parent.
 * </ul>
 *
 * <p>With a {@link ChecklyTraceLimiter}, the start of a Checkly trace in this service also needs a
 * token; spans under a started trace never do, so a trace is kept whole or not at all.
 */
public final class ChecklySampler implements Sampler {

  private static final SamplingResult DROP = SamplingResult.drop();
  private static final SamplingResult FOLLOW_SAMPLED_PARENT = SamplingResult.recordAndSample();
  private static final SamplingResult CHECKLY_ENTRY = new ChecklyEntryResult();

  private final ChecklyTraceLimiter limiter;

  private final LongAdder tracesStarted = new LongAdder();

  private ChecklySampler(ChecklyTraceLimiter limiter) {
    this.limiter = limiter;
  }

  /** Returns a sampler without a cap. */
  public static ChecklySampler create() {
    return new ChecklySampler(null);
  }

  /** Returns a sampler that starts no more Checkly traces than {@code limiter} admits. */
  public static ChecklySampler create(ChecklyTraceLimiter limiter) {
    return new ChecklySampler(Objects.requireNonNull(limiter, "limiter"));
  }

  /** The cap on Checkly traces started, if any. */
  public Optional<ChecklyTraceLimiter> getLimiter() {
    return Optional.ofNullable(this.limiter);
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (parent.isValid() && !parent.isRemote()) {
      return parent.isSampled() ? FOLLOW_SAMPLED_PARENT : DROP;
    }
    if (ChecklyContext.isChecklyRequest(parentContext)
        || ChecklyTraceState.isChecklyTraceState(parent.getTraceState())) {
      if (this.limiter != null && !this.limiter.tryAcquire()) {
        return DROP;
      }
      this.tracesStarted.increment();
      return CHECKLY_ENTRY;
    }
    return DROP;
  }

  /** How many Checkly traces this sampler started or continued from another service. */
  public long getTracesStarted() {
    return this.tracesStarted.sum();
  }

  @Override
  public String getDescription() {
    if (this.limiter == null) {
      return "ChecklySampler{tracestate=checkly=true}";
    }
    return "ChecklySampler{tracestate=checkly=true, limit="
        + this.limiter.getTracesPerSecond()
        + "/s, burst="
        + this.limiter.getBurst()
        + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }

  /** Keeps the entry span of a Checkly trace and makes sure its trace state carries the mark. */
  private static final class ChecklyEntryResult implements SamplingResult {

    @Override
    public SamplingDecision getDecision() {
      return SamplingDecision.RECORD_AND_SAMPLE;
    }

    @Override
    public Attributes getAttributes() {
      return Attributes.empty();
    }

    @Override
    public TraceState getUpdatedTraceState(TraceState parentTraceState) {
      return ChecklyTraceState.withChecklyMember(parentTraceState);
    }
  }
}
