package io.github.checklyotel.sampling;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.ChecklyTraceState;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples exactly the spans of Checkly traces, acting on the decision the boundary took about each
 * incoming request rather than on what its caller sent.
 *
 * <ul>
 *   <li>A span with a local parent follows its parent: only Checkly traces are ever sampled, so a
 *       sampled local parent is a Checkly span.
 *   <li>A span whose context the boundary {@linkplain ChecklyContext#markChecklyRequest marked} as
 *       a Checkly request starts or continues a Checkly trace, whatever its remote parent's sampled
 *       flag, if the trace is admitted (below). Its trace state gains {@code checkly=true} at the
 *       left, so that outgoing calls carry the mark on.
 *   <li>A span whose context the boundary {@linkplain ChecklyContext#markForeignRequest judged} to
 *       be another system's request is dropped, whatever its parent's trace state says.
 *   <li>Where no boundary judged the request (a message consumer, another entry point the web
 *       filters do not see), a remote parent whose trace state holds {@code checkly=true} is taken
 *       as a Checkly request, unless the sampler is {@linkplain Builder#trustRemoteMark told not
 *       to}, as in strict mode.
 *   <li>Everything else is dropped: ordinary requests, their children, and spans with no parent.
 * </ul>
 *
 * <p>Admission: a request that comes back from a call this instance made in a trace it records
 * ({@link OutgoingSpans}), a service calling itself or an asynchronous hop, continues that trace
 * without a token, once per call and within the trace's allowance of call-backs; that holds in
 * strict mode too, for a message this instance sent and consumes. Any other Checkly entry needs a
 * token from the {@link ChecklyTraceLimiter}, if there is one, and opens a fresh allowance. A
 * refused trace is dropped and its trace state loses {@code checkly=true}, so that no service
 * downstream records a fragment of it.
 */
public final class ChecklySampler implements Sampler {

  private static final SamplingResult FOLLOW_SAMPLED_PARENT = SamplingResult.recordAndSample();
  private static final SamplingResult FOLLOW_DROPPED_PARENT = SamplingResult.drop();
  private static final SamplingResult CHECKLY_ENTRY = new ChecklyEntryResult();
  private static final SamplingResult DROP_WITHOUT_MARK = new DropWithoutMarkResult();

  private final ChecklyTraceLimiter limiter;

  private final OutgoingSpans outgoingSpans;

  private final boolean trustRemoteMark;

  private final LongAdder tracesStarted = new LongAdder();

  private ChecklySampler(Builder builder) {
    this.limiter = builder.limiter;
    this.outgoingSpans = builder.outgoingSpans;
    this.trustRemoteMark = builder.trustRemoteMark;
  }

  /** Returns a sampler without a cap that trusts the mark of remote parents no boundary judged. */
  public static ChecklySampler create() {
    return builder().build();
  }

  /** Returns a sampler that starts no more Checkly traces than {@code limiter} admits. */
  public static ChecklySampler create(ChecklyTraceLimiter limiter) {
    return builder().limiter(limiter).build();
  }

  /** Returns a builder for a sampler with every option. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cap on Checkly traces started, if any. */
  public Optional<ChecklyTraceLimiter> getLimiter() {
    return Optional.ofNullable(this.limiter);
  }

  /** The calls out of recorded Checkly traces, under which a request comes back for free. */
  public OutgoingSpans getOutgoingSpans() {
    return this.outgoingSpans;
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
      return parent.isSampled() ? FOLLOW_SAMPLED_PARENT : FOLLOW_DROPPED_PARENT;
    }
    if (ChecklyContext.isChecklyRequest(parentContext)) {
      // Only the trace the boundary judged: not one another propagator or an in-process
      // extraction put in its place.
      if (!ChecklyContext.isJudgedTrace(parentContext, traceId, parent.isValid())) {
        return DROP_WITHOUT_MARK;
      }
      if (ChecklyContext.isCallBackOnly(parentContext)) {
        // Let in for its parent alone: the call is used up once, by whichever request gets it.
        return admitCallBack(parentContext, parent, spanKind) ? CHECKLY_ENTRY : DROP_WITHOUT_MARK;
      }
      return admitCallBack(parentContext, parent, spanKind)
          ? CHECKLY_ENTRY
          : admitWithToken(parentContext, traceId);
    }
    if (ChecklyContext.foreignParent(parentContext) == null
        && parent.isValid()
        && ChecklyTraceState.isChecklyTraceState(parent.getTraceState())) {
      // No boundary judged it (a message consumed, another entry point): a delivery of this
      // instance's own message continues its trace in any mode; anything else only where the
      // remote mark is trusted.
      if (admitCallBack(parentContext, parent, spanKind)) {
        return CHECKLY_ENTRY;
      }
      return this.trustRemoteMark ? admitWithToken(parentContext, traceId) : DROP_WITHOUT_MARK;
    }
    return DROP_WITHOUT_MARK;
  }

  /**
   * A request coming back from a call this instance made in a trace it records continues that trace
   * for free, once, within the trace's allowance.
   */
  private boolean admitCallBack(Context parentContext, SpanContext parent, SpanKind spanKind) {
    return parent.isValid()
        && this.outgoingSpans.admitCallBack(
            parentContext, parent.getTraceId(), parent.getSpanId(), spanKind);
  }

  /** Any other Checkly entry takes a token, if there is a cap, and opens a fresh allowance. */
  private SamplingResult admitWithToken(Context parentContext, String traceId) {
    if (this.limiter != null && !this.limiter.tryAcquire()) {
      return DROP_WITHOUT_MARK;
    }
    this.tracesStarted.increment();
    this.outgoingSpans.openTrace(parentContext, traceId);
    return CHECKLY_ENTRY;
  }

  /**
   * How many Checkly trace entries took admission here: traces started, or continued from another
   * service; requests coming back from this instance's own calls are not counted again.
   */
  public long getTracesStarted() {
    return this.tracesStarted.sum();
  }

  /** Forgets the calls it remembers; the tracer provider calls it when it shuts down. */
  @Override
  public CompletableResultCode shutdown() {
    this.outgoingSpans.clear();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String getDescription() {
    StringBuilder description = new StringBuilder("ChecklySampler{tracestate=checkly=true");
    if (this.limiter != null) {
      description
          .append(", limit=")
          .append(this.limiter.getTracesPerSecond())
          .append("/s, burst=")
          .append(this.limiter.getBurst());
    }
    if (!this.trustRemoteMark) {
      description.append(", remoteMark=untrusted");
    }
    return description.append('}').toString();
  }

  @Override
  public String toString() {
    return getDescription();
  }

  /** Options of a {@link ChecklySampler}. */
  public static final class Builder {

    private ChecklyTraceLimiter limiter;

    private OutgoingSpans outgoingSpans = ChecklySamplingSettings.defaults().createOutgoingSpans();

    private boolean trustRemoteMark = true;

    private Builder() {}

    /** Starts no more Checkly traces than {@code limiter} admits; {@code null} for no cap. */
    public Builder limiter(ChecklyTraceLimiter limiter) {
      this.limiter = limiter;
      return this;
    }

    /**
     * Lets requests back in for free under the calls {@code outgoingSpans} remembers; it must also
     * be registered as a span processor of the tracer provider, to see those calls.
     */
    public Builder outgoingSpans(OutgoingSpans outgoingSpans) {
      this.outgoingSpans = Objects.requireNonNull(outgoingSpans, "outgoingSpans");
      return this;
    }

    /**
     * Whether a remote parent's {@code checkly=true} starts a Checkly trace where no boundary
     * judged the request. False in strict mode, where only the boundary's word counts.
     */
    public Builder trustRemoteMark(boolean trustRemoteMark) {
      this.trustRemoteMark = trustRemoteMark;
      return this;
    }

    public ChecklySampler build() {
      return new ChecklySampler(this);
    }
  }

  /** Keeps the entry span of a Checkly trace and puts the mark at the left of its trace state. */
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

  /**
   * Drops a span that starts no Checkly trace here, and takes the mark out of its trace state, so
   * that what this service did not record, no service downstream records either.
   */
  private static final class DropWithoutMarkResult implements SamplingResult {

    @Override
    public SamplingDecision getDecision() {
      return SamplingDecision.DROP;
    }

    @Override
    public Attributes getAttributes() {
      return Attributes.empty();
    }

    @Override
    public TraceState getUpdatedTraceState(TraceState parentTraceState) {
      return ChecklyTraceState.withoutChecklyMember(parentTraceState);
    }
  }
}
