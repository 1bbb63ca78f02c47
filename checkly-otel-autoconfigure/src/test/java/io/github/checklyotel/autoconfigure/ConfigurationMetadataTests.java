package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void actuatorSwitchesAreDescribed() throws IOException {
    assertThat(describedProperties())
        .contains("management.health.checkly.enabled", "management.info.checkly.enabled");
  }

  /** The IDE shows every otel.* key the README tells users to set, from whichever jar. */
  @Test
  void everyOpenTelemetryKeyTheReadmeDocumentsIsDescribed() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Set<String> documented = new TreeSet<>();
    Matcher keys = Pattern.compile("`(otel\\.[a-z0-9.-]*[a-z0-9])[`=]").matcher(readme);
    while (keys.find()) {
      documented.add(keys.group(1));
    }
    assertThat(documented).contains("otel.exporter.otlp.endpoint", "otel.service.name");
    assertThat(describedProperties()).containsAll(documented);
  }

  @Test
  void checklysLogExporterIsAHintForTheTracesExporter() throws IOException {
    List<String> values = new ArrayList<>();
    for (String json : metadataFiles("META-INF/spring-configuration-metadata.json")) {
      values.addAll(
          JsonPath.read(json, "$..hints[?(@.name == 'otel.traces.exporter')].values[*].value"));
    }
    assertThat(values).contains("checkly-log", "otlp");
  }

  private List<Map<String, Object>> checklyProperties() throws IOException {
    for (String json : metadataFiles("META-INF/spring-configuration-metadata.json")) {
      List<Map<String, Object>> properties =
          JsonPath.read(json, "$.properties[?(@.name =~ /checkly\\..*/)]");
      if (!properties.isEmpty()) {
        return properties;
      }
    }
    throw new AssertionError("No configuration metadata for checkly.* on the classpath");
  }

  /** Every property with a description, in any metadata file on the class path. */
  private Set<String> describedProperties() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String location :
        List.of(
            "META-INF/spring-configuration-metadata.json",
            "META-INF/additional-spring-configuration-metadata.json")) {
      for (String json : metadataFiles(location)) {
        names.addAll(JsonPath.read(json, "$.properties[?(@.description)].name"));
      }
    }
    return names;
  }

  private List<String> metadataFiles(String location) throws IOException {
    List<String> files = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader().getResources(location))) {
      try (InputStream in = url.openStream()) {
        files.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
