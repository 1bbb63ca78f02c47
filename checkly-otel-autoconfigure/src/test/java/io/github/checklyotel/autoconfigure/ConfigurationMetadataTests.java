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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.mock.env.MockEnvironment;

/** Every property the starter defines shows up in the IDE with a description. */
class ConfigurationMetadataTests {

  /**
   * Every property has a description, a type, and the default the IDE documents is the one the
   * starter runs with: the value of {@link ChecklyProperties} bound from an empty environment, as
   * the starter binds it. README's table is held to the same defaults (below), so all three agree.
   */
  @Test
  void everyPropertyHasADescriptionATypeAndDocumentsTheDefaultItHas() throws IOException {
    List<Map<String, Object>> properties = checklyProperties();

    assertThat(properties)
        .extracting(property -> property.get("name"))
        .contains(
            "checkly.enabled",
            "checkly.exclude-spring-boot-opentelemetry",
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
        .filteredOn(property -> !property.containsKey("deprecation"))
        .allSatisfy(
            property -> assertThat(property.get("defaultValue")).as("%s", property).isNotNull());

    BeanWrapper unset = new BeanWrapperImpl(ChecklyProperties.bind(new MockEnvironment()));
    ConversionService conversion = ApplicationConversionService.getSharedInstance();
    Map<String, Object> documented = new TreeMap<>();
    Map<String, Object> actual = new TreeMap<>();
    for (Map<String, Object> property : properties) {
      if (property.containsKey("deprecation")) {
        continue;
      }
      String name = (String) property.get("name");
      String path = beanPath(name.substring(ChecklyProperties.PREFIX.length() + 1));
      Object metadataDefault = property.get("defaultValue");
      documented.put(
          name,
          (metadataDefault == null)
              ? null
              : conversion.convert(
                  metadataDefault.toString(), unset.getPropertyTypeDescriptor(path)));
      actual.put(name, unset.getPropertyValue(path));
    }
    assertThat(documented).as("the documented defaults").isEqualTo(actual);
  }

  /** The bean path of a property: {@code rate-limit.traces-per-second} to {@code rateLimit...}. */
  private static String beanPath(String property) {
    Matcher dash = Pattern.compile("-([a-z0-9])").matcher(property);
    StringBuilder path = new StringBuilder();
    while (dash.find()) {
      dash.appendReplacement(path, dash.group(1).toUpperCase(Locale.ROOT));
    }
    return dash.appendTail(path).toString();
  }

  @Test
  void actuatorSwitchesAreDescribed() throws IOException {
    assertThat(describedProperties())
        .contains("management.health.checkly.enabled", "management.info.checkly.enabled");
  }

  /** The IDE shows every otel.* key README and docs/ tell users to set, from whichever jar. */
  @Test
  void everyOpenTelemetryKeyTheUserDocumentationNamesIsDescribed() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("..", "README.md")));
    try (var docs = Files.list(Path.of("..", "docs"))) {
      docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    Set<String> documented = new TreeSet<>();
    for (Path page : pages) {
      Matcher keys =
          Pattern.compile("`(otel\\.[a-z0-9.-]*[a-z0-9])[`=]").matcher(Files.readString(page));
      while (keys.find()) {
        documented.add(keys.group(1));
      }
    }
    assertThat(documented).contains("otel.exporter.otlp.endpoint", "otel.service.name");
    assertThat(describedProperties()).containsAll(documented);
  }

  /**
   * README's configuration reference lists every setting of the starter with its variable and the
   * default its metadata gives, and nothing the starter does not have: the table cannot drift.
   */
  @Test
  void readmesConfigurationTableMatchesTheMetadata() throws IOException {
    Map<String, List<String>> table = readmeConfigurationTable();
    Map<String, Object> defaults = new TreeMap<>();
    for (Map<String, Object> property : starterProperties()) {
      if (!property.containsKey("deprecation")) {
        defaults.put((String) property.get("name"), property.get("defaultValue"));
      }
    }
    assertThat(defaults).containsKeys("checkly.enabled", "management.health.checkly.enabled");

    assertThat(table.keySet())
        .filteredOn(name -> !name.startsWith("otel."))
        .as("README rows of the starter's own settings")
        .containsExactlyInAnyOrderElementsOf(defaults.keySet());
    table.forEach(
        (name, row) -> {
          assertThat(row.get(0))
              .as("the variable of %s", name)
              .isEqualTo(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
          if (defaults.containsKey(name)) {
            Object metadataDefault = defaults.get(name);
            assertThat(row.get(1))
                .as("the default of %s", name)
                .isEqualTo((metadataDefault == null) ? "unset" : "`" + metadataDefault + "`");
          }
        });
  }

  /** README's configuration table: each property, with its variable and default as written. */
  private static Map<String, List<String>> readmeConfigurationTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n## Configuration reference\n");
    assertThat(start).as("README's configuration reference").isNotNegative();
    String section = readme.substring(start + 1);
    int next = section.indexOf("\n## ");
    Matcher rows =
        Pattern.compile("(?m)^\\| `([a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+?) \\|")
            .matcher((next < 0) ? section : section.substring(0, next));
    Map<String, List<String>> table = new TreeMap<>();
    while (rows.find()) {
      assertThat(table.put(rows.group(1), List.of(rows.group(2), rows.group(3))))
          .as("README rows of %s", rows.group(1))
          .isNull();
    }
    return table;
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

  /** The one value the origin header's hint offers is the default, not a copy that can drift. */
  @Test
  void theOriginHeaderHintIsItsDefault() throws IOException {
    List<String> values = new ArrayList<>();
    for (String json : metadataFiles("META-INF/spring-configuration-metadata.json")) {
      values.addAll(
          JsonPath.read(
              json, "$..hints[?(@.name == 'checkly.origin.header-name')].values[*].value"));
    }
    assertThat(values).containsExactly(new ChecklyProperties().getOrigin().getHeaderName());
  }

  /** The {@code checkly.*} properties of the starter's metadata. */
  private List<Map<String, Object>> checklyProperties() throws IOException {
    return starterProperties().stream()
        .filter(property -> ((String) property.get("name")).startsWith("checkly."))
        .toList();
  }

  /** The starter's own properties: {@code checkly.*}, and its Actuator switches. */
  private List<Map<String, Object>> starterProperties() throws IOException {
    for (String json : metadataFiles("META-INF/spring-configuration-metadata.json")) {
      List<Map<String, Object>> properties =
          JsonPath.read(
              json, "$.properties[?(@.name =~ /(checkly\\..*|management\\..*\\.checkly\\..*)/)]");
      if (properties.stream()
          .anyMatch(property -> property.get("name").equals("checkly.enabled"))) {
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
