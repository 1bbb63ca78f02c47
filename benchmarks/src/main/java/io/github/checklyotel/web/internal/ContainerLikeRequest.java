package io.github.checklyotel.web.internal;

import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A request whose headers cost what a servlet container's do, for benchmarks of code that reads
 * them: {@link #getHeader} allocates nothing, and {@link #getHeaders} returns one small enumeration
 * over the stored lines, as Tomcat's does. Spring's mock request copies the lines into a new list
 * through a stream on every {@code getHeaders}, which would swamp what is measured. Everything else
 * (attributes, dispatcher type) is the mock's.
 */
final class ContainerLikeRequest extends HttpServletRequestWrapper {

  private final List<String> names = new ArrayList<>();

  private final List<String> values = new ArrayList<>();

  ContainerLikeRequest() {
    super(new MockHttpServletRequest("GET", "/"));
  }

  /** Adds one header line. */
  void addHeader(String name, String value) {
    this.names.add(name);
    this.values.add(value);
  }

  @Override
  public String getHeader(String name) {
    for (int i = 0; i < this.names.size(); i++) {
      if (this.names.get(i).equalsIgnoreCase(name)) {
        return this.values.get(i);
      }
    }
    return null;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return new Lines(name);
  }

  /** The lines of one header, found as the enumeration advances. */
  private final class Lines implements Enumeration<String> {

    private final String name;

    private int next;

    Lines(String name) {
      this.name = name;
      this.next = find(0);
    }

    private int find(int from) {
      for (int i = from; i < ContainerLikeRequest.this.names.size(); i++) {
        if (ContainerLikeRequest.this.names.get(i).equalsIgnoreCase(this.name)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean hasMoreElements() {
      return this.next >= 0;
    }

    @Override
    public String nextElement() {
      if (this.next < 0) {
        throw new NoSuchElementException();
      }
      String value = ContainerLikeRequest.this.values.get(this.next);
      this.next = find(this.next + 1);
      return value;
    }
  }
}
