package io.github.checklyotel.propagation.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request headers for tests, every line of each kept, read as a server's getter reads them: all
 * lines through {@code getAll}, {@code null} for a header that is absent.
 */
public final class HeaderLines {

  /** Reads {@link #of(String...)} maps. */
  public static final TextMapGetter<Map<String, List<String>>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, List<String>> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, List<String>> carrier, String key) {
          List<String> values = carrier.get(key);
          return (values == null || values.isEmpty()) ? null : values.get(0);
        }

        @Override
        public Iterator<String> getAll(Map<String, List<String>> carrier, String key) {
          List<String> values = carrier.get(key);
          return (values == null) ? null : values.iterator();
        }
      };

  private HeaderLines() {}

  /** Headers from name and value pairs; a name given twice gets two lines. */
  public static Map<String, List<String>> of(String... namesAndValues) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers
          .computeIfAbsent(namesAndValues[i], name -> new ArrayList<>())
          .add(namesAndValues[i + 1]);
    }
    return headers;
  }
}
