package io.github.checklyotel.export.internal;

import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wraps the OTLP span exporter to keep an {@link ExportStatus} and to report failures the way an
 * operator needs them: one actionable line when exports start failing or fail differently, one when
 * they work again, never one per batch, and never with a credential in it.
 *
 * <p>Spans an endpoint rejects in a successful answer (OTLP {@code partial_success}) count as
 * failed, once OpenTelemetry's exporter is built to let that answer be read ({@link #wrap}).
 */
public final class ReportingSpanExporter implements SpanExporter {

  private static final Log logger = LogFactory.getLog(ReportingSpanExporter.class);

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** Characters that would break a log line or disguise it: controls, formats, separators. */
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

  private final SpanExporter delegate;

  private final String endpoint;

  private final ExportStatus status;

  /** What the endpoint's successful answers rejected, until an export's report takes it. */
  private final AtomicReference<OtlpPartialSuccess> partialSuccess;

  /** When an endpoint's warning may be logged again: at most one every ten minutes. */
  private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());

  private ReportingSpanExporter(
      SpanExporter delegate,
      String endpoint,
      ExportStatus status,
      AtomicReference<OtlpPartialSuccess> partialSuccess) {
    this.delegate = delegate;
    this.endpoint = endpoint;
    this.status = status;
    this.partialSuccess = partialSuccess;
  }

  /**
   * Wraps one of OpenTelemetry's OTLP exporters, rebuilt so that its partial successes are read
   * too; {@code exporter} is shut down if it was replaced. Any other exporter is wrapped as it is.
   *
   * @param exporter the OTLP exporter OpenTelemetry built
   * @param endpoint where it sends, as shown in log lines (host and port, no credentials)
   * @param status what to record into
   */
  public static ReportingSpanExporter wrap(
      SpanExporter exporter, String endpoint, ExportStatus status) {
    AtomicReference<OtlpPartialSuccess> partialSuccess =
        new AtomicReference<>(OtlpPartialSuccess.NONE);
    // The sender hears the answer before the exporter completes the export it answers, so the
    // export's report finds it. The batch processor exports one batch at a time, unless one
    // outlives its timeout: then a rejection may be counted against the next export to complete.
    SpanExporter observed;
    try {
      observed =
          PartialSuccessObserver.observe(
              exporter,
              (answer) -> {
                if (answer.isPartial()) {
                  partialSuccess.accumulateAndGet(answer, OtlpPartialSuccess::plus);
                }
              });
    } catch (LinkageError ex) {
      // An OpenTelemetry older than its sender SPI (1.59), whose version could not be checked.
      logger.debug("Partial successes are not read with this OpenTelemetry: " + ex);
      observed = exporter;
    }
    return new ReportingSpanExporter(observed, endpoint, status, partialSuccess);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    int count = spans.size();
    CompletableResultCode result = this.delegate.export(spans);
    result.whenComplete(() -> report(result, count));
    return result;
  }

  private void report(CompletableResultCode result, int count) {
    if (result.isSuccess()) {
      OtlpPartialSuccess answer = this.partialSuccess.getAndSet(OtlpPartialSuccess.NONE);
      int rejected = (int) Math.min(answer.rejectedSpans(), count);
      if (rejected > 0) {
        reportRejected(count, rejected, answer.errorMessage());
        return;
      }
      if (!answer.errorMessage().isEmpty()) {
        warn(answer.errorMessage());
      }
      int endedFailures = this.status.recordSuccess(count);
      if (endedFailures > 0) {
        logger.info(
            "Span export to "
                + this.endpoint
                + " works again after "
                + endedFailures
                + " failed exports");
      }
      return;
    }
    ExportFailureKind kind = ExportFailureKind.of(result.getFailureThrowable());
    ExportFailureKind previous = this.status.recordFailure(count, kind);
    if (kind != previous) {
      String failure = SecretMasker.mask(ExportFailureKind.describe(result.getFailureThrowable()));
      logger.warn(
          "Span export to "
              + this.endpoint
              + " failed: "
              + kind.getExplanation()
              + ". "
              + count
              + " spans dropped ("
              + failure
              + "). Further failures of this kind are counted, not logged.");
    }
  }

  /** Logs an endpoint's warning, unless one was logged in the last ten minutes. */
  private void warn(String message) {
    long now = System.nanoTime();
    long next = this.nextWarning.get();
    if (now - next >= 0 && this.nextWarning.compareAndSet(next, now + WARNING_INTERVAL_NANOS)) {
      logger.warn(
          "Span export to "
              + this.endpoint
              + " succeeded with a warning from the endpoint: "
              + quote(message)
              + ". Further warnings within ten minutes are not logged.");
    }
  }

  private void reportRejected(int count, int rejected, String message) {
    ExportFailureKind previous = this.status.recordPartialSuccess(count - rejected, rejected);
    if (previous != ExportFailureKind.PARTIALLY_REJECTED) {
      logger.warn(
          "Span export to "
              + this.endpoint
              + " partly failed: "
              + ExportFailureKind.PARTIALLY_REJECTED.getExplanation()
              + ". "
              + rejected
              + " of "
              + count
              + " spans dropped; the endpoint said: "
              + quote(message)
              + ". Further partial failures are counted, not logged.");
    }
  }

  /** The endpoint's words, as untrusted text: one line, bounded, with no credential in it. */
  private static String quote(String message) {
    if (message.isEmpty()) {
      return "(no message)";
    }
    String line =
        UNPRINTABLE
            .matcher((message.length() > 200) ? message.substring(0, 200) + "..." : message)
            .replaceAll(" ");
    return "\"" + SecretMasker.mask(line) + "\"";
  }

  @Override
  public CompletableResultCode flush() {
    return this.delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return this.delegate.shutdown();
  }

  @Override
  public String toString() {
    // The delegate's own toString is left out: it describes its headers.
    return "ReportingSpanExporter{exporter="
        + this.delegate.getClass().getSimpleName()
        + ", endpoint="
        + this.endpoint
        + ", "
        + this.status
        + "}";
  }
}
