package io.github.checklyotel.test.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real OTLP receiver for tests: it listens on a loopback port, decodes what arrives with the
 * official {@code opentelemetry-proto} classes and keeps every export request it was sent.
 */
public abstract class OtlpReceiver implements AutoCloseable {

  private final List<Export> exports = new CopyOnWriteArrayList<>();

  /** What a trace export is answered with when it is accepted. */
  private volatile ExportTraceServiceResponse traceResponse =
      ExportTraceServiceResponse.getDefaultInstance();

  /** The endpoint to give the exporter, e.g. {@code http://127.0.0.1:4318}. */
  public abstract String endpoint();

  /** The value for {@code otel.exporter.otlp.protocol}. */
  public abstract String protocol();

  @Override
  public abstract void close();

  protected void record(Export export) {
    this.exports.add(export);
  }

  /**
   * Accepts trace exports from now on with an OTLP partial success: {@code rejectedSpans} of each
   * export's spans rejected, for the reason {@code message}. Zero and an empty message go back to
   * plain success.
   */
  public OtlpReceiver rejectSpans(long rejectedSpans, String message) {
    this.traceResponse =
        (rejectedSpans == 0 && message.isEmpty())
            ? ExportTraceServiceResponse.getDefaultInstance()
            : ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(
                    ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(rejectedSpans)
                        .setErrorMessage(message))
                .build();
    return this;
  }

  /** The answer to an accepted trace export. */
  protected ExportTraceServiceResponse traceResponse() {
    return this.traceResponse;
  }

  /** Every export request received so far, of any signal. */
  public List<Export> exports() {
    return List.copyOf(this.exports);
  }

  /** Every span received so far, flattened, with its service name. */
  public List<ReceivedSpan> spans() {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (Export export : this.exports) {
      if (export.traces() == null) {
        continue;
      }
      for (ResourceSpans resourceSpans : export.traces().getResourceSpansList()) {
        String service = stringAttribute(resourceSpans.getResource(), "service.name");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(new ReceivedSpan(service, export.authorization(), span));
          }
        }
      }
    }
    return spans;
  }

  public void clear() {
    this.exports.clear();
  }

  private static String stringAttribute(Resource resource, String key) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  /**
   * One export request as received.
   *
   * @param signal {@code traces}, {@code metrics} or {@code logs}
   * @param authorization the {@code authorization} header or metadata sent with it
   * @param traces the decoded request for traces, {@code null} for other signals
   */
  public record Export(String signal, String authorization, ExportTraceServiceRequest traces) {}

  /** One received span with what came with it. */
  public record ReceivedSpan(String serviceName, String authorization, Span span) {

    public String traceId() {
      return hex(this.span.getTraceId().toByteArray());
    }

    public String spanId() {
      return hex(this.span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return hex(this.span.getParentSpanId().toByteArray());
    }

    public String name() {
      return this.span.getName();
    }

    public Span.SpanKind kind() {
      return this.span.getKind();
    }

    public String attribute(String key) {
      for (KeyValue attribute : this.span.getAttributesList()) {
        if (attribute.getKey().equals(key)) {
          AnyValue value = attribute.getValue();
          return value.hasIntValue() ? Long.toString(value.getIntValue()) : value.getStringValue();
        }
      }
      return null;
    }

    private static String hex(byte[] bytes) {
      StringBuilder text = new StringBuilder(bytes.length * 2);
      for (byte b : bytes) {
        text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return text.toString();
    }
  }
}
