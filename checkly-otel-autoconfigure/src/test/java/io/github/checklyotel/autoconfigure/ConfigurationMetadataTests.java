package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every property the starter defines shows up in the IDE with a description. */
class ConfigurationMetadataTests {

  @Test
  void everyPropertyHasADescriptionAndATypeAndTheDocumentedDefault() throws IOException {
    List<Map<String, Object>> properties = checklyProperties();

    assertThat(properties)
        .extracting(property -> property.get("name"))
        .contains(
            "checkly.enabled",
            "checkly.exclude-spring-boot-opentelemetry",
            "checkly.web.filter-order",
            "checkly.web.instrument-other-requests",
            "checkly.web.propagate-foreign-context",
            "checkly.rate-limit.enabled",
            "checkly.rate-limit.traces-per-second",
            "checkly.rate-limit.burst",
            "checkly.origin.secret",
            "checkly.origin.header-name");
    assertThat(properties)
        .allSatisfy(
            property -> {
              assertThat((String) property.get("description")).as("%s", property).isNotBlank();
              assertThat(property.get("type")).as("%s", property).isNotNull();
            });
    assertThat(properties)
        .filteredOn(property -> !property.get("name").equals("checkly.origin.secret"))
        .allSatisfy(
            property -> assertThat(property.get("defaultValue")).as("%s", property).isNotNull());
  }

  private List<Map<String, Object>> checklyProperties() throws IOException {
    for (URL url :
        Collections.list(
            getClass()
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      String json;
      try (InputStream in = url.openStream()) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      List<Map<String, Object>> properties =
          JsonPath.read(json, "$.properties[?(@.name =~ /checkly\\..*/)]");
      if (!properties.isEmpty()) {
        return properties;
      }
    }
    throw new AssertionError("No configuration metadata for checkly.* on the classpath");
  }
}
