package io.github.checklyotel.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wraps the OTLP span exporter to keep an {@link ExportStatus} and to report failures the way an
 * operator needs them: one actionable line when exports start failing or fail differently, one when
 * they work again, never one per batch, and never with a credential in it.
 */
public final class ReportingSpanExporter implements SpanExporter {

  private static final Log logger = LogFactory.getLog(ReportingSpanExporter.class);

  private final SpanExporter delegate;

  private final String endpoint;

  private final ExportStatus status;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the exporter that does the work
   * @param endpoint where it sends, as shown in log lines (host and port, no credentials)
   * @param status what to record into
   */
  public ReportingSpanExporter(SpanExporter delegate, String endpoint, ExportStatus status) {
    this.delegate = delegate;
    this.endpoint = endpoint;
    this.status = status;
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

  @Override
  public CompletableResultCode flush() {
    return this.delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return this.delegate.shutdown();
  }

  /** The wrapped exporter. */
  public SpanExporter getDelegate() {
    return this.delegate;
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
