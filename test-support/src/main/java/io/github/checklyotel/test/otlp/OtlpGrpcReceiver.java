package io.github.checklyotel.test.otlp;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** An OTLP/gRPC receiver on grpc-java, serving the trace, metrics and logs services. */
public final class OtlpGrpcReceiver extends OtlpReceiver {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<String> CALL_AUTHORIZATION = Context.key("authorization");

  private final Server server;

  private OtlpGrpcReceiver(NettyServerBuilder builder) {
    ServerInterceptor authorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            Context context =
                Context.current().withValue(CALL_AUTHORIZATION, headers.get(AUTHORIZATION));
            return Contexts.interceptCall(context, call, headers, next);
          }
        };
    this.server =
        builder
            .addService(ServerInterceptors.intercept(new Traces(), authorization))
            .addService(ServerInterceptors.intercept(new Metrics(), authorization))
            .addService(ServerInterceptors.intercept(new Logs(), authorization))
            .build();
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpGrpcReceiver start() {
    OtlpGrpcReceiver receiver =
        new OtlpGrpcReceiver(
            NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    try {
      receiver.server.start();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return receiver;
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + this.server.getPort();
  }

  @Override
  public String protocol() {
    return "grpc";
  }

  @Override
  public void close() {
    this.server.shutdownNow();
  }

  private final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      record(new Export("traces", CALL_AUTHORIZATION.get(), request));
      response.onNext(traceResponse());
      response.onCompleted();
    }
  }

  private final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(
        ExportMetricsServiceRequest request,
        StreamObserver<ExportMetricsServiceResponse> response) {
      record(new Export("metrics", CALL_AUTHORIZATION.get(), null));
      response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(
        ExportLogsServiceRequest request, StreamObserver<ExportLogsServiceResponse> response) {
      record(new Export("logs", CALL_AUTHORIZATION.get(), null));
      response.onNext(ExportLogsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
