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
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver ({@code http/protobuf}) on the JDK's HTTP server, which can be made to
 * fail: answer with an error status, answer late, or close its port.
 */
public final class OtlpHttpReceiver extends OtlpReceiver {

  private volatile HttpServer server;

  private final int port;

  /** The status to answer with; 200 accepts the export. */
  private volatile int status = 200;

  /** How long to wait before answering. */
  private volatile Duration delay = Duration.ZERO;

  private OtlpHttpReceiver(int port) {
    this.server = listen(port);
    this.port = this.server.getAddress().getPort();
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpHttpReceiver start() {
    return new OtlpHttpReceiver(0);
  }

  private HttpServer listen(int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext("/", this::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Answers every export from now on with {@code status} (after reading it). */
  public OtlpHttpReceiver respondWith(int status) {
    this.status = status;
    return this;
  }

  /** Waits {@code delay} before answering each export from now on. */
  public OtlpHttpReceiver delayBy(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** Closes the port: the endpoint is down until {@link #resume()}. */
  public void goDown() {
    this.server.stop(0);
  }

  /** Listens on the same port again. */
  public void resume() {
    this.server = listen(this.port);
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
      // The answer is decided on arrival, as a server under that fault would.
      int answer = this.status;
      pause(this.delay);
      if (answer != 200) {
        exchange.sendResponseHeaders(answer, -1);
        return;
      }
      record(new Export(signal, authorization, traces));
      byte[] response =
          (traces != null)
              ? traceResponse().toByteArray()
              : ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      exchange.getResponseBody().write(response);
    }
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
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
    return "http://127.0.0.1:" + this.port;
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
