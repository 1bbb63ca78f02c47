package io.github.checklyotel.test.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests to an application under test with the JDK's HTTP client, so that every test sends
 * headers the same way a real client does.
 */
public final class TestHttp {

  private TestHttp() {}

  /**
   * Sends {@code GET http://127.0.0.1:port/path} with {@code headers}, given as name, value, name,
   * value...; a name given twice sends two header lines.
   */
  public static HttpResponse<String> get(int port, String path, String... headers) {
    return send(request(port, path, headers).GET().build());
  }

  /** A request builder for {@code path} on {@code port}, with {@code headers} and a timeout. */
  public static HttpRequest.Builder request(int port, String path, String... headers) {
    if (headers.length % 2 != 0) {
      throw new IllegalArgumentException("Headers come in name and value pairs");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request;
  }

  /** Sends {@code request} and reads the body as a string. */
  public static HttpResponse<String> send(HttpRequest request) {
    try {
      // A client per request: no connection outlives its test, whatever the server did since.
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .build()
          .send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }
}
