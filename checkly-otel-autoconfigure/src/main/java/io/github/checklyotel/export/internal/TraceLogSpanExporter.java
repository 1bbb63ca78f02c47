package io.github.checklyotel.export.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes each exported trace to the application log as an indented tree, one log entry per trace.
 *
 * <p>This is the exporter used when no OTLP endpoint is configured: a developer sees the traces a
 * Checkly check would produce without any collector. Spans of one trace that reach it in different
 * batches are printed as separate trees, each rooted at its topmost span in the batch.
 */
final class TraceLogSpanExporter implements SpanExporter {

  private static final Log logger = LogFactory.getLog(TraceLogSpanExporter.class);

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<Long> HTTP_STATUS =
      AttributeKey.longKey("http.response.status_code");

  private static final Comparator<SpanData> BY_START =
      Comparator.comparingLong(SpanData::getStartEpochNanos);

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (logger.isInfoEnabled()) {
      Map<String, List<SpanData>> byTrace =
          spans.stream()
              .collect(
                  Collectors.groupingBy(
                      SpanData::getTraceId, LinkedHashMap::new, Collectors.toList()));
      byTrace.forEach((traceId, traceSpans) -> logger.info(render(traceId, traceSpans)));
    }
    return CompletableResultCode.ofSuccess();
  }

  /** Renders the spans of one trace as a tree, children ordered by start time. */
  static String render(String traceId, List<SpanData> spans) {
    Set<String> present = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    Map<String, List<SpanData>> children = new LinkedHashMap<>();
    List<SpanData> roots = new ArrayList<>();
    // Sorting once up front leaves every child list in start order.
    List<SpanData> byStart = new ArrayList<>(spans);
    byStart.sort(BY_START);
    for (SpanData span : byStart) {
      if (present.contains(span.getParentSpanId())) {
        children.computeIfAbsent(span.getParentSpanId(), id -> new ArrayList<>()).add(span);
      } else {
        roots.add(span);
      }
    }
    StringBuilder text = new StringBuilder(128 * spans.size());
    text.append("Checkly trace ").append(traceId);
    String service = spans.get(0).getResource().getAttribute(SERVICE_NAME);
    if (service != null) {
      text.append(" from ").append(service);
    }
    text.append(" (").append(spans.size()).append(spans.size() == 1 ? " span)" : " spans)");
    for (SpanData root : roots) {
      appendTree(text, root, children, 1);
    }
    return text.toString();
  }

  private static void appendTree(
      StringBuilder text, SpanData span, Map<String, List<SpanData>> children, int depth) {
    text.append('\n').append("  ".repeat(depth));
    text.append(span.getKind()).append(' ').append(span.getName());
    Long status = span.getAttributes().get(HTTP_STATUS);
    if (status != null) {
      text.append(" -> ").append(status);
    }
    long micros =
        TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos());
    text.append(String.format(Locale.ROOT, " %.1f ms", micros / 1000.0));
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      text.append(" ERROR");
      if (!span.getStatus().getDescription().isEmpty()) {
        text.append(": ").append(span.getStatus().getDescription());
      }
    }
    text.append(" [span ").append(span.getSpanId()).append(']');
    for (SpanData child : children.getOrDefault(span.getSpanId(), List.of())) {
      appendTree(text, child, children, depth + 1);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "TraceLogSpanExporter{}";
  }
}
