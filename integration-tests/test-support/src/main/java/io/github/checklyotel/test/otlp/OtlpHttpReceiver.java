package io.github.checklyotel.test.otlp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.zip.GZIPInputStream;

/** An OTLP/HTTP receiver ({@code http/protobuf}) on the JDK's HTTP server. */
public final class OtlpHttpReceiver extends OtlpReceiver {

  private final HttpServer server;

  private OtlpHttpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpHttpReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OtlpHttpReceiver receiver = new OtlpHttpReceiver(server);
      server.createContext("/", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String signal = path.startsWith("/v1/") ? path.substring("/v1/".length()) : path;
      String authorization = exchange.getRequestHeaders().getFirst("authorization");
      byte[] body;
      try (InputStream in = decoded(exchange)) {
        body = in.readAllBytes();
      }
      ExportTraceServiceRequest traces =
          signal.equals("traces") ? ExportTraceServiceRequest.parseFrom(body) : null;
      record(new Export(signal, authorization, traces));
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      exchange.getResponseBody().write(response);
    }
  }

  private static InputStream decoded(HttpExchange exchange) throws IOException {
    InputStream body = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
        ? new GZIPInputStream(body)
        : body;
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + this.server.getAddress().getPort();
  }

  @Override
  public String protocol() {
    return "http/protobuf";
  }

  @Override
  public void close() {
    this.server.stop(0);
  }
}
