package io.github.checklyotel.export;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where spans are exported and what happened to the exports so far: counts, the last success, the
 * current failure.
 */
public final class ExportStatus {

  private final LongAdder spansExported = new LongAdder();

  private final LongAdder spansFailed = new LongAdder();

  private final AtomicInteger consecutiveFailures = new AtomicInteger();

  private volatile Instant lastSuccess;

  private final AtomicReference<ExportFailureKind> lastFailure = new AtomicReference<>();

  private volatile ExportTarget target;

  /** Records where spans go, once the SDK is configured. */
  public void setTarget(ExportTarget target) {
    this.target = target;
  }

  /** Where spans go, or {@code null} before the SDK is configured. */
  public ExportTarget getTarget() {
    return this.target;
  }

  /** Records a successful export of {@code spans} spans; returns the failures it ends. */
  public int recordSuccess(int spans) {
    this.spansExported.add(spans);
    this.lastSuccess = Instant.now();
    this.lastFailure.set(null);
    return this.consecutiveFailures.getAndSet(0);
  }

  /** Records a failed export; returns the kind of the failure before it, if any. */
  public ExportFailureKind recordFailure(int spans, ExportFailureKind kind) {
    this.spansFailed.add(spans);
    this.consecutiveFailures.incrementAndGet();
    return this.lastFailure.getAndSet(kind);
  }

  /**
   * Records an export the endpoint answered with an OTLP partial success: {@code accepted} spans
   * exported, {@code rejected} failed. It counts as a failed export of kind {@link
   * ExportFailureKind#PARTIALLY_REJECTED}; returns the kind of the failure before it, if any.
   */
  public ExportFailureKind recordPartialSuccess(int accepted, int rejected) {
    this.spansExported.add(accepted);
    this.spansFailed.add(rejected);
    if (accepted > 0) {
      this.lastSuccess = Instant.now();
    }
    this.consecutiveFailures.incrementAndGet();
    return this.lastFailure.getAndSet(ExportFailureKind.PARTIALLY_REJECTED);
  }

  /** Spans the endpoint accepted. */
  public long getSpansExported() {
    return this.spansExported.sum();
  }

  /**
   * Spans lost: their export failed after OpenTelemetry's retries, or the endpoint rejected them in
   * a partial success.
   */
  public long getSpansFailed() {
    return this.spansFailed.sum();
  }

  /** Failed exports since the last successful one. */
  public int getConsecutiveFailures() {
    return this.consecutiveFailures.get();
  }

  /** When an export last succeeded, or {@code null} if none has yet. */
  public Instant getLastSuccess() {
    return this.lastSuccess;
  }

  /** Why the last export failed, or {@code null} if it succeeded or none happened yet. */
  public ExportFailureKind getLastFailure() {
    return this.lastFailure.get();
  }

  @Override
  public String toString() {
    return "ExportStatus{target="
        + this.target
        + ", exported="
        + getSpansExported()
        + ", failed="
        + getSpansFailed()
        + ", consecutiveFailures="
        + getConsecutiveFailures()
        + ", lastSuccess="
        + this.lastSuccess
        + ", lastFailure="
        + this.lastFailure.get()
        + "}";
  }
}
