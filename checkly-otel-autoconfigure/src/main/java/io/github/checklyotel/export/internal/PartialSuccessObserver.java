package io.github.checklyotel.export.internal;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Lets an OTLP span exporter's successful responses be read for {@code partial_success}, which
 * OpenTelemetry's exporters ignore.
 *
 * <p>It goes through OpenTelemetry's public sender SPI: the exporter is rebuilt with a component
 * loader that wraps the sender it would have used, and the wrapped sender hands every successful
 * response's body to a listener before the exporter sees it. Everything else about the exporter,
 * its endpoint, headers, TLS, retry, compression and timeouts, is OpenTelemetry's and unchanged,
 * except what OpenTelemetry's builders do not copy (an executor service set on the builder) and a
 * component loader of the application's (the rebuilt exporter loads from the class path).
 */
final class PartialSuccessObserver implements ComponentLoader {

  private static final Log logger = LogFactory.getLog(PartialSuccessObserver.class);

  private final ComponentLoader delegate;

  /** The kind of sender the exporter asks for, and the one wrapped sender it gets. */
  private final Class<?> senderType;

  private final Object sender;

  private PartialSuccessObserver(ComponentLoader delegate, Class<?> senderType, Object sender) {
    this.delegate = delegate;
    this.senderType = senderType;
    this.sender = sender;
  }

  /**
   * Returns {@code exporter} rebuilt so that {@code listener} hears each partial success, and shuts
   * the original down; an exporter that is not one of OpenTelemetry's OTLP exporters, or that could
   * choose among several senders, is returned as it is.
   */
  static SpanExporter observe(SpanExporter exporter, Consumer<OtlpPartialSuccess> listener) {
    ComponentLoader classPath =
        ComponentLoader.forClassLoader(PartialSuccessObserver.class.getClassLoader());
    SpanExporter observed = null;
    if (exporter instanceof OtlpHttpSpanExporter http) {
      List<HttpSenderProvider> senders =
          ComponentLoader.loadList(classPath, HttpSenderProvider.class);
      if (senders.size() == 1) {
        ObservedHttpSenderProvider sender =
            new ObservedHttpSenderProvider(senders.get(0), listener);
        observed =
            http.toBuilder()
                .setComponentLoader(
                    new PartialSuccessObserver(classPath, HttpSenderProvider.class, sender))
                .build();
      }
    } else if (exporter instanceof OtlpGrpcSpanExporter grpc) {
      List<GrpcSenderProvider> senders =
          ComponentLoader.loadList(classPath, GrpcSenderProvider.class);
      if (senders.size() == 1) {
        ObservedGrpcSenderProvider sender =
            new ObservedGrpcSenderProvider(senders.get(0), listener);
        observed =
            grpc.toBuilder()
                .setComponentLoader(
                    new PartialSuccessObserver(classPath, GrpcSenderProvider.class, sender))
                .build();
      }
    }
    if (observed == null) {
      // Several senders are chosen among by a setting that names the chosen class, which a
      // wrapper would hide: such an exporter keeps its sender and reports no partial success.
      logger.debug("Partial successes of " + exporter.getClass().getSimpleName() + " are not read");
      return exporter;
    }
    exporter.shutdown();
    return observed;
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    return (type == this.senderType) ? List.of(type.cast(this.sender)) : this.delegate.load(type);
  }

  /**
   * {@code onResponse}, after {@code listener} has heard the partial success in the body of each
   * successful response.
   */
  private static <R> Consumer<R> reading(
      Consumer<R> onResponse,
      Predicate<R> successful,
      Function<R, byte[]> body,
      Consumer<OtlpPartialSuccess> listener) {
    return (response) -> {
      try {
        if (successful.test(response)) {
          listener.accept(OtlpPartialSuccess.parse(body.apply(response)));
        }
      } finally {
        // Whatever happened above, the export completes.
        onResponse.accept(response);
      }
    };
  }

  private record ObservedHttpSenderProvider(
      HttpSenderProvider delegate, Consumer<OtlpPartialSuccess> listener)
      implements HttpSenderProvider {

    @Override
    public HttpSender createSender(HttpSenderConfig config) {
      HttpSender sender = this.delegate.createSender(config);
      return new HttpSender() {
        @Override
        public void send(
            MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
          sender.send(
              writer,
              reading(
                  onResponse,
                  (response) -> response.getStatusCode() >= 200 && response.getStatusCode() < 300,
                  HttpResponse::getResponseBody,
                  listener),
              onError);
        }

        @Override
        public CompletableResultCode shutdown() {
          return sender.shutdown();
        }
      };
    }
  }

  private record ObservedGrpcSenderProvider(
      GrpcSenderProvider delegate, Consumer<OtlpPartialSuccess> listener)
      implements GrpcSenderProvider {

    @Override
    public GrpcSender createSender(GrpcSenderConfig config) {
      GrpcSender sender = this.delegate.createSender(config);
      return new GrpcSender() {
        @Override
        public void send(
            MessageWriter writer, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
          sender.send(
              writer,
              reading(
                  onResponse,
                  (response) -> response.getStatusCode() == GrpcStatusCode.OK,
                  GrpcResponse::getResponseMessage,
                  listener),
              onError);
        }

        @Override
        public CompletableResultCode shutdown() {
          return sender.shutdown();
        }
      };
    }
  }
}
