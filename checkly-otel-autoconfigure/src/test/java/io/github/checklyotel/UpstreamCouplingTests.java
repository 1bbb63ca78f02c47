package io.github.checklyotel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.sun.net.httpserver.HttpServer;
import io.github.checklyotel.export.ExportFailureKind;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.internal.ReportingSpanExporter;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.instrumentation.spring.webflux.v5_3.SpringWebfluxServerTelemetry;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.Filter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.web.server.WebFilter;

/**
 * Where the starter reaches into OpenTelemetry's and Spring Boot's internals, or names their
 * classes by string: one test per coupling, each listed in {@code docs/upstream-coupling.md} with
 * what to re-check on an upgrade. The compiler sees none of these; a failure here after an upgrade
 * says what moved upstream and which of the starter's code to look at.
 *
 * <p>The names are read from the production code (its constants, annotations, factories and service
 * files), never copied here. The production classes that hold them are found by simple name in the
 * module's compiled classes, wherever their package is.
 */
class UpstreamCouplingTests {

  /** The module's compiled classes and resources: Maven runs tests in the module's directory. */
  private static final Path PRODUCTION = Path.of("target", "classes");

  /** Spring Boot 3's Actuator jars, which the build compiles {@code src/main/boot3} against. */
  private static final Path BOOT3_JARS = Path.of("target", "boot3-api");

  /** Upstream jars not on the test class path: see the {@code upstream-coupling-jars} execution. */
  private static final Path UPSTREAM_JARS = Path.of("target", "upstream-api");

  private static final String AUTO_CONFIGURATION_IMPORTS =
      "META-INF/spring/" + AutoConfiguration.class.getName() + ".imports";

  private static final ClassLoader TEST_CLASS_PATH = UpstreamCouplingTests.class.getClassLoader();

  /**
   * The test class path with Spring Boot 3's Actuator and the Spring Boot 4 modules the starter
   * names but does not depend on: every Spring Boot class the starter names should load here.
   */
  private static URLClassLoader springBoot;

  private static MetadataReaderFactory metadata;

  @BeforeAll
  static void springBootModules() throws IOException {
    List<URL> jars = new ArrayList<>();
    for (Path directory : List.of(BOOT3_JARS, UPSTREAM_JARS)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path jar :
            files.filter(f -> f.getFileName().toString().startsWith("spring-boot")).toList()) {
          jars.add(jar.toUri().toURL());
        }
      }
    }
    assertThat(jars).as("Spring Boot jars copied by the build").hasSizeGreaterThanOrEqualTo(5);
    springBoot = new URLClassLoader(jars.toArray(URL[]::new), TEST_CLASS_PATH);
    metadata = new SimpleMetadataReaderFactory(springBoot);
  }

  @AfterAll
  static void close() throws IOException {
    springBoot.close();
  }

  // Spring Boot's and OpenTelemetry's auto-configurations, named by string.

  @Test
  void springBootAutoConfigurationsNamesAreAutoConfigurationsUpstreamShips() throws Exception {
    Class<?> names = productionClass("SpringBootAutoConfigurations");
    List<String> checked = new ArrayList<>();
    for (Field field : names.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        field.setAccessible(true);
        String name = (String) field.get(null);
        if (name.contains(".")) { // the rest are bean names
          assertAutoConfiguration(name, "SpringBootAutoConfigurations." + field.getName());
          checked.add(name);
        }
      }
    }
    for (Object name :
        (Collection<?>) constant("SpringBootOpenTelemetryImportFilter", "EXCLUDED")) {
      assertAutoConfiguration((String) name, "SpringBootOpenTelemetryImportFilter.EXCLUDED");
    }
    assertThat(checked).as("auto-configuration names in SpringBootAutoConfigurations").isNotEmpty();
  }

  @Test
  void springBootsOpenTelemetryModulesHaveNoAutoConfigurationTheImportFilterMisses()
      throws Exception {
    List<String> excluded =
        ((Collection<?>) constant("SpringBootOpenTelemetryImportFilter", "EXCLUDED"))
            .stream().map(String.class::cast).toList();
    for (String module :
        List.of("spring-boot-opentelemetry", "spring-boot-micrometer-tracing-opentelemetry")) {
      List<String> listed = imports(UPSTREAM_JARS.resolve(module + ".jar"));
      assertThat(listed).as("auto-configurations of %s", module).isNotEmpty();
      assertThat(excluded)
          .as(
              "Spring Boot's %s has auto-configurations SpringBootOpenTelemetryImportFilter does"
                  + " not leave out: each may build a second SDK, exporter or log pipeline beside"
                  + " OpenTelemetry's starter. Add each to SpringBootAutoConfigurations and to the"
                  + " filter's EXCLUDED",
              module)
          .containsAll(listed);
    }
  }

  @Test
  void classesTheStartersAnnotationsNameByStringExist() throws IOException {
    List<String> ordering = new ArrayList<>();
    for (Path file : productionClassFiles()) {
      AnnotationMetadata type =
          metadata.getMetadataReader(new FileSystemResource(file)).getAnnotationMetadata();
      String owner = type.getClassName();
      for (String name : stringValues(type, AutoConfiguration.class, "afterName", "beforeName")) {
        assertAutoConfiguration(name, "@AutoConfiguration of " + owner);
        ordering.add(name);
      }
      for (String name : stringValues(type, AutoConfigureAfter.class, "name")) {
        assertAutoConfiguration(name, "@AutoConfigureAfter of " + owner);
      }
      for (String name : stringValues(type, AutoConfigureBefore.class, "name")) {
        assertAutoConfiguration(name, "@AutoConfigureBefore of " + owner);
      }
      for (String name : stringValues(type, ConditionalOnClass.class, "name")) {
        assertClassExists(
            springBoot, name, "@ConditionalOnClass of " + owner, "the condition never matches");
      }
      for (String name : stringValues(type, ConditionalOnMissingClass.class, "value")) {
        assertClassExists(
            springBoot,
            name,
            "@ConditionalOnMissingClass of " + owner,
            "the condition always matches");
      }
    }
    assertThat(ordering).as("names the auto-configurations order themselves against").isNotEmpty();
  }

  @Test
  void openTelemetrysSpringMvcFilterBeanKeepsItsNameAndType() throws Exception {
    String configuration =
        (String) constant("SpringBootAutoConfigurations", "OPENTELEMETRY_WEBMVC");
    String bean = (String) constant("SpringBootAutoConfigurations", "OPENTELEMETRY_WEBMVC_FILTER");
    Map<String, String> beans = new LinkedHashMap<>();
    for (MethodMetadata method :
        metadata
            .getMetadataReader(configuration)
            .getAnnotationMetadata()
            .getAnnotatedMethods(Bean.class.getName())) {
      String[] names = method.getAnnotations().get(Bean.class).getStringArray("name");
      for (String name : (names.length > 0) ? names : new String[] {method.getMethodName()}) {
        beans.put(name, method.getReturnTypeName());
      }
    }
    assertThat(beans)
        .as(
            "%s no longer defines the bean %s (SpringBootAutoConfigurations"
                + ".OPENTELEMETRY_WEBMVC_FILTER): ChecklyServletAutoConfiguration takes that filter"
                + " out of the servlet chain to run it for Checkly requests only; find OpenTelemetry's"
                + " server filter bean now",
            configuration, bean)
        .containsKey(bean);
    assertThat(Filter.class.isAssignableFrom(Class.forName(beans.get(bean), false, springBoot)))
        .as("OpenTelemetry's bean %s is no longer a servlet Filter but a %s", bean, beans.get(bean))
        .isTrue();
  }

  // The exporter: its loggers, its sender SPI, its response and its failures.

  @Test
  void exporterLoggersTheDefaultsTurnOffAreTheOnesOpenTelemetryLogsFailuresTo() throws Exception {
    List<String> silenced =
        ((List<?>) constant("ChecklyEnvironmentDefaults", "OPENTELEMETRY_EXPORTER_LOGGERS"))
            .stream().map(String.class::cast).toList();
    for (String logger : silenced) {
      assertClassExists(
          TEST_CLASS_PATH,
          logger,
          "ChecklyEnvironmentDefaults.OPENTELEMETRY_EXPORTER_LOGGERS",
          "its logger is turned off for nothing, and the exporter's own is not");
    }
    int port = closedPort();
    Set<String> logging = new TreeSet<>();
    logging.addAll(
        failureLoggers(
            OtlpHttpSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + port + "/v1/traces")
                .setRetryPolicy(null)
                .build()));
    logging.addAll(
        failureLoggers(
            OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + port)
                .setRetryPolicy(null)
                .build()));
    assertThat(silenced)
        .as(
            "OpenTelemetry's OTLP exporters now log each failed export to %s: add the loggers to"
                + " ChecklyEnvironmentDefaults.OPENTELEMETRY_EXPORTER_LOGGERS (ReportingSpanExporter"
                + " already reports failures, once per change), and drop the ones no longer used",
            logging)
        .containsAll(logging);
  }

  @Test
  void senderSpiThePartialSuccessObserverWrapsIsTheOneOtlpExportersLoad() {
    for (Class<?> spi : List.of(HttpSenderProvider.class, GrpcSenderProvider.class)) {
      assertThat(ServiceLoader.load(spi, TEST_CLASS_PATH).stream().map(p -> p.type().getName()))
          .as(
              "PartialSuccessObserver wraps the sender when exactly one %s is on the class path;"
                  + " OpenTelemetry's exporter jars no longer bring exactly one, so partial"
                  + " successes would go unread",
              spi.getName())
          .hasSize(1);
    }
    assertThat(
            typesLoadedBuilding(
                loader -> OtlpHttpSpanExporter.builder().setComponentLoader(loader).build()))
        .as(
            "OtlpHttpSpanExporter no longer loads its sender as an HttpSenderProvider from its"
                + " component loader: PartialSuccessObserver, which substitutes exactly that type,"
                + " would never be asked")
        .contains(HttpSenderProvider.class);
    assertThat(
            typesLoadedBuilding(
                loader -> OtlpGrpcSpanExporter.builder().setComponentLoader(loader).build()))
        .as(
            "OtlpGrpcSpanExporter no longer loads its sender as a GrpcSenderProvider from its"
                + " component loader: PartialSuccessObserver, which substitutes exactly that type,"
                + " would never be asked")
        .contains(GrpcSenderProvider.class);
  }

  @Test
  void partialSuccessOfARealOtlpHttpExportReachesTheExportStatus() throws IOException {
    byte[] answer = partialSuccess(1, "too old").toByteArray();
    HttpServer endpoint = endpoint(200, answer);
    ExportStatus status = new ExportStatus();
    SpanExporter exporter =
        ReportingSpanExporter.wrap(
            OtlpHttpSpanExporter.builder().setEndpoint(url(endpoint) + "/v1/traces").build(),
            "127.0.0.1",
            status);
    try {
      assertThat(exporter.export(spans(2)).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(status.getSpansFailed())
          .as(
              "An OTLP/HTTP endpoint answered 200 with partial_success (1 of 2 spans rejected),"
                  + " but the wrapped exporter did not count it: OpenTelemetry's sender SPI or its"
                  + " exporter changed under PartialSuccessObserver (the response body no longer"
                  + " reaches the wrapped sender)")
          .isEqualTo(1);
      assertThat(status.getLastFailure()).isEqualTo(ExportFailureKind.PARTIALLY_REJECTED);
    } finally {
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      endpoint.stop(0);
    }
  }

  @Test
  void otlpResponseReaderReadsWhatTheOfficialProtoClassesWrite() throws Exception {
    // The field numbers and types OtlpPartialSuccess decodes by hand.
    Descriptor response = ExportTraceServiceResponse.getDescriptor();
    Descriptor partial = ExportTracePartialSuccess.getDescriptor();
    assertField(response, "partial_success", 1, FieldDescriptor.Type.MESSAGE);
    assertField(partial, "rejected_spans", 1, FieldDescriptor.Type.INT64);
    assertField(partial, "error_message", 2, FieldDescriptor.Type.STRING);
    Class<?> reader = productionClass("OtlpPartialSuccess");
    Method parse = reader.getDeclaredMethod("parse", byte[].class);
    parse.setAccessible(true);
    Object body = partialSuccess(3, "zu alt: ü").toByteArray();
    Object read = parse.invoke(null, body);
    assertThat(components(read))
        .as(
            "OtlpPartialSuccess.parse no longer reads an ExportTraceServiceResponse written by"
                + " opentelemetry-proto %s",
            ExportTraceServiceResponse.class.getPackage().getImplementationVersion())
        .containsEntry("rejectedSpans", 3L)
        .containsEntry("errorMessage", "zu alt: ü");
  }

  @Test
  void exportFailuresStillCarryTheirHttpOrGrpcKind() throws IOException {
    HttpServer endpoint = endpoint(401, new byte[0]);
    SpanExporter http =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(url(endpoint) + "/v1/traces")
            .setRetryPolicy(null)
            .build();
    SpanExporter grpc =
        OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + closedPort())
            .setRetryPolicy(null)
            .build();
    try {
      Throwable unauthorized = failure(http);
      assertThat(ExportFailureKind.of(unauthorized))
          .as(
              "OtlpHttpSpanExporter's failure for HTTP 401 is no longer read as one (%s):"
                  + " ExportFailureKind reads io.opentelemetry.exporter.internal"
                  + ".FailedExportException, which changed",
              unauthorized)
          .isEqualTo(ExportFailureKind.UNAUTHORIZED);
      Throwable unreachable = failure(grpc);
      assertThat(ExportFailureKind.of(unreachable))
          .as(
              "OtlpGrpcSpanExporter's failure for a refused connection is no longer read as one"
                  + " (%s): ExportFailureKind reads io.opentelemetry.exporter.internal"
                  + ".FailedExportException, which changed",
              unreachable)
          .isEqualTo(ExportFailureKind.UNREACHABLE);
    } finally {
      http.shutdown().join(10, TimeUnit.SECONDS);
      grpc.shutdown().join(10, TimeUnit.SECONDS);
      endpoint.stop(0);
    }
  }

  @Test
  void otlpExportersAreStillInThePackageTheCustomizerRecognises() throws Exception {
    String otlpPackage =
        (String) constant("ChecklyOpenTelemetryCustomizer", "OTLP_EXPORTER_PACKAGE");
    for (SpanExporter exporter :
        List.of(OtlpHttpSpanExporter.builder().build(), OtlpGrpcSpanExporter.builder().build())) {
      assertThat(exporter.getClass().getName())
          .as(
              "ChecklyOpenTelemetryCustomizer recognises OTLP exporters by their package, %s, to"
                  + " report on their exports and read partial successes; OpenTelemetry's moved",
              otlpPackage)
          .startsWith(otlpPackage);
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  // OpenTelemetry's instrumentation, the Java agent and the SDK's internal SPI.

  @Test
  void openTelemetrysWebFluxFilterIsInThePackageThePostProcessorWraps() throws Exception {
    String instrumentation =
        (String)
            constant("ChecklyOnlyWebFilterBeanPostProcessor", "WEBFLUX_INSTRUMENTATION_PACKAGE");
    WebFilter filter = SpringWebfluxServerTelemetry.create(OpenTelemetry.noop()).createWebFilter();
    assertThat(filter.getClass().getName())
        .as(
            "ChecklyOnlyWebFilterBeanPostProcessor wraps WebFilter beans of the package %s;"
                + " OpenTelemetry's WebFlux server filter moved, and would trace every request",
            instrumentation)
        .startsWith(instrumentation);
  }

  @Test
  void javaAgentClassesTheTracingModeLooksForAreInTheAgent() throws Exception {
    String bootstrap = (String) constant("ChecklyTracingMode", "AGENT_BOOTSTRAP_CLASS");
    String agentPackage = (String) constant("ChecklyTracingMode", "AGENT_PACKAGE");
    assertThat(constant("ChecklyTracingMode", "GLOBAL_OPENTELEMETRY"))
        .isEqualTo(GlobalOpenTelemetry.class.getName());
    try (JarFile agent =
        new JarFile(UPSTREAM_JARS.resolve("opentelemetry-javaagent.jar").toFile())) {
      assertThat(agent.getEntry(bootstrap.replace('.', '/') + ".class"))
          .as(
              "The Java agent %s no longer has %s (ChecklyTracingMode.AGENT_BOOTSTRAP_CLASS): the"
                  + " starter would not see the agent, and would build a second SDK beside it",
              agent.getManifest().getMainAttributes().getValue("Implementation-Version"), bootstrap)
          .isNotNull();
      String bridge = "inst/" + agentPackage.replace('.', '/');
      assertThat(
              agent.stream()
                  .map(ZipEntry::getName)
                  .filter(n -> n.startsWith(bridge) && n.contains("/ApplicationOpenTelemetry")))
          .as(
              "The Java agent's bridge to its SDK, which it makes the global OpenTelemetry, is no"
                  + " longer under %s (ChecklyTracingMode.AGENT_PACKAGE): the starter would not"
                  + " see the agent",
              agentPackage)
          .isNotEmpty();
    }
  }

  @Test
  void agentExtensionServiceFilesNameSpisThatExistAndClassesThatProvideThem() throws Exception {
    Path services =
        Path.of("..", "checkly-otel-javaagent-extension", "src", "main", "resources")
            .resolve("META-INF/services");
    List<Path> files;
    try (Stream<Path> listed = Files.list(services)) {
      files = listed.toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      assertProviders(
          file.getFileName().toString(),
          Files.readString(file).lines(),
          "checkly-otel-javaagent-extension's META-INF/services/" + file.getFileName());
    }
    // The one in an internal package: OpenTelemetry's own components are still registered under it.
    assertThat(ServiceLoader.load(ComponentProvider.class, TEST_CLASS_PATH).stream())
        .as(
            "OpenTelemetry no longer registers its components as %s: declarative configuration"
                + " would not find the extension's checkly components there either",
            ComponentProvider.class.getName())
        .isNotEmpty();
  }

  @Test
  void defaultConfigPropertiesStillReadsSystemProperties() {
    // ChecklyAgentComponents.declarative() reads the checkly.* settings through this internal
    // class.
    String name = "checkly.upstream-coupling-test";
    System.setProperty(name, "read");
    try {
      assertThat(
              DefaultConfigProperties.create(
                      Map.of(), ComponentLoader.forClassLoader(TEST_CLASS_PATH))
                  .getString(name))
          .as(
              "io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties.create no"
                  + " longer reads system properties: under the agent with a declarative"
                  + " configuration file, ChecklyAgentComponents would not see the checkly.*"
                  + " settings")
          .isEqualTo("read");
    } finally {
      System.clearProperty(name);
    }
  }

  // Spring Boot's extension points and other classes named by string.

  @Test
  void springFactoriesKeysAreSpringInterfacesThatTheStartersClassesImplement() throws Exception {
    for (String factories : List.of("META-INF/spring.factories", "META-INF/spring/aot.factories")) {
      Properties entries = new Properties();
      try (InputStream in = Files.newInputStream(PRODUCTION.resolve(factories))) {
        entries.load(in);
      }
      assertThat(entries).as(factories).isNotEmpty();
      for (String key : entries.stringPropertyNames()) {
        assertProviders(
            key, Stream.of(entries.getProperty(key).split(",")), "src/main/resources/" + factories);
      }
    }
  }

  @Test
  void observationContextTypesNamedForTheJavaAgentExist() throws Exception {
    List<?> types =
        (List<?>) constant("ChecklyObservationAutoConfiguration", "OBSERVATION_CONTEXT_TYPES");
    assertThat(types).isNotEmpty();
    for (Object type : types) {
      assertClassExists(
          TEST_CLASS_PATH,
          (String) type,
          "ChecklyObservationAutoConfiguration.OBSERVATION_CONTEXT_TYPES",
          "Spring's observations of those requests would be traced twice");
    }
  }

  @Test
  void micrometerOtlpRegistryConfigTheStartupCheckLooksForExists() throws Exception {
    assertClassExists(
        TEST_CLASS_PATH,
        (String) constant("ChecklyStartupCheck", "OTLP_CONFIG"),
        "ChecklyStartupCheck.OTLP_CONFIG",
        "the startup check would no longer see Micrometer's OTLP registry");
  }

  @Test
  void versionsOfOpenTelemetryLibrariesAreFoundWhereTheVersionCheckReadsThem() throws Exception {
    Class<?> versions = productionClass("OpenTelemetryVersions");
    Method libraries = versions.getDeclaredMethod("libraries");
    libraries.setAccessible(true);
    List<?> all = (List<?>) libraries.invoke(null);
    assertThat(all).isNotEmpty();
    for (Object library : all) {
      Method versionOf =
          versions.getDeclaredMethod("versionOf", library.getClass(), ClassLoader.class);
      versionOf.setAccessible(true);
      assertThat(versionOf.invoke(null, library, TEST_CLASS_PATH))
          .as(
              "OpenTelemetryVersions no longer finds the version of %s: it would stop checking"
                  + " that library; find where the library keeps its version now",
              components(library))
          .isNotNull();
    }
  }

  // Helpers.

  /** Fails unless {@code name} is an auto-configuration its module lists. */
  private static void assertAutoConfiguration(String name, String namedBy) {
    Class<?> type =
        assertClassExists(
            springBoot, name, namedBy, "ordering against it or leaving it out does nothing");
    Path module = codeSource(type);
    assertThat(imports(module))
        .as(
            "%s names %s, which %s no longer lists in %s: it is no longer an auto-configuration,"
                + " so ordering against it or leaving it out does nothing; find what replaced it",
            namedBy, name, module.getFileName(), AUTO_CONFIGURATION_IMPORTS)
        .contains(name);
  }

  private static Class<?> assertClassExists(
      ClassLoader loader, String name, String namedBy, String consequence) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError ex) {
      throw new AssertionError(
          String.format(
              "%s names %s, which no longer exists (%s): %s. Find where upstream moved it and update %s;"
                  + " docs/upstream-coupling.md says what else to re-check",
              namedBy, name, ex, consequence, namedBy),
          ex);
    }
  }

  /** Fails unless {@code spi} exists and each of {@code providers} implements it. */
  private static void assertProviders(String spi, Stream<String> providers, String declaredIn) {
    Class<?> service =
        assertClassExists(
            TEST_CLASS_PATH, spi, declaredIn, "nothing loads what is registered under it");
    List<String> named =
        providers.map(String::strip).filter(p -> !p.isEmpty() && !p.startsWith("#")).toList();
    assertThat(named).as("providers in %s for %s", declaredIn, spi).isNotEmpty();
    for (String provider : named) {
      Class<?> type = assertClassExists(TEST_CLASS_PATH, provider, declaredIn, "it is not loaded");
      assertThat(service.isAssignableFrom(type))
          .as("%s registers %s as %s, which it no longer implements", declaredIn, provider, spi)
          .isTrue();
    }
  }

  private static void assertField(
      Descriptor message, String name, int number, FieldDescriptor.Type type) {
    FieldDescriptor field = message.findFieldByName(name);
    assertThat(field)
        .as("%s has no field %s any more: OtlpPartialSuccess decodes it by hand", message, name)
        .isNotNull();
    assertThat(field.getNumber() + " " + field.getType())
        .as("%s.%s, which OtlpPartialSuccess decodes by number and wire type", message, name)
        .isEqualTo(number + " " + type);
  }

  /** The class of the module's production code with this simple name, in whatever package. */
  private static Class<?> productionClass(String simpleName) throws Exception {
    List<Path> found =
        productionClassFiles().stream()
            .filter(f -> f.getFileName().toString().equals(simpleName + ".class"))
            .toList();
    assertThat(found).as("production class %s under %s", simpleName, PRODUCTION).hasSize(1);
    String file = PRODUCTION.relativize(found.get(0)).toString();
    String name =
        file.substring(0, file.length() - ".class".length()).replace(File.separatorChar, '.');
    return Class.forName(name, false, TEST_CLASS_PATH);
  }

  /** The value of a static field of a production class, which may be private. */
  private static Object constant(String owner, String field) throws Exception {
    Field constant = productionClass(owner).getDeclaredField(field);
    constant.setAccessible(true);
    return constant.get(null);
  }

  private static List<Path> productionClassFiles() throws IOException {
    try (Stream<Path> files = Files.walk(PRODUCTION)) {
      return files.filter(f -> f.toString().endsWith(".class")).toList();
    }
  }

  /** A record's components by name, read through its (maybe inaccessible) accessors. */
  private static Map<String, Object> components(Object record) throws Exception {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Method accessor = component.getAccessor();
      accessor.setAccessible(true);
      values.put(component.getName(), accessor.invoke(record));
    }
    return values;
  }

  /** The string values of {@code attributes} of each {@code annotation} on {@code type}. */
  private static <A extends Annotation> List<String> stringValues(
      AnnotationMetadata type, Class<A> annotation, String... attributes) {
    List<String> values = new ArrayList<>();
    for (MergedAnnotation<A> found : type.getAnnotations().stream(annotation).toList()) {
      for (String attribute : attributes) {
        values.addAll(List.of(found.getStringArray(attribute)));
      }
    }
    return values;
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** The auto-configurations a jar or class directory lists. */
  private static List<String> imports(Path module) {
    try {
      String text = "";
      if (Files.isDirectory(module)) {
        Path file = module.resolve(AUTO_CONFIGURATION_IMPORTS);
        text = Files.exists(file) ? Files.readString(file) : "";
      } else {
        try (JarFile jar = new JarFile(module.toFile())) {
          ZipEntry entry = jar.getEntry(AUTO_CONFIGURATION_IMPORTS);
          if (entry != null) {
            try (InputStream in = jar.getInputStream(entry)) {
              text = new String(in.readAllBytes(), UTF_8);
            }
          }
        }
      }
      return text.lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException ex) {
      throw new IllegalStateException("Could not read " + module, ex);
    }
  }

  /**
   * The component types an exporter asks its component loader for while {@code build} builds it.
   */
  private static List<Class<?>> typesLoadedBuilding(Function<ComponentLoader, SpanExporter> build) {
    ComponentLoader classPath = ComponentLoader.forClassLoader(TEST_CLASS_PATH);
    List<Class<?>> asked = new ArrayList<>();
    ComponentLoader recording =
        new ComponentLoader() {
          @Override
          public <T> Iterable<T> load(Class<T> type) {
            asked.add(type);
            return classPath.load(type);
          }
        };
    build.apply(recording).shutdown().join(10, TimeUnit.SECONDS);
    return asked;
  }

  /**
   * The loggers {@code exporter} logs a failed export to at WARNING or above, as OpenTelemetry logs
   * through java.util.logging; shuts {@code exporter} down.
   */
  private static Set<String> failureLoggers(SpanExporter exporter) {
    Set<String> loggers = new TreeSet<>();
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    Logger openTelemetry = Logger.getLogger("io.opentelemetry");
    Level before = openTelemetry.getLevel();
    // A Spring application started earlier in this JVM may have turned exactly these loggers off.
    Map<Logger, Level> turnedOff = new LinkedHashMap<>();
    for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
      Logger logger = LogManager.getLogManager().getLogger(name);
      if (name.startsWith("io.opentelemetry.") && logger != null && logger.getLevel() != null) {
        turnedOff.put(logger, logger.getLevel());
        logger.setLevel(null);
      }
    }
    boolean parentHandlers = openTelemetry.getUseParentHandlers();
    openTelemetry.setLevel(Level.ALL);
    openTelemetry.addHandler(handler);
    openTelemetry.setUseParentHandlers(
        false); // the failures are expected: keep them off the console
    try {
      exporter.export(spans(1)).join(10, TimeUnit.SECONDS);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .alias(
              exporter.getClass().getSimpleName()
                  + " logged nothing about a failed export: OpenTelemetry changed how its exporters"
                  + " report failures; re-check what ChecklyEnvironmentDefaults turns off")
          .until(() -> !records.isEmpty());
      records.forEach(r -> loggers.add(r.getLoggerName()));
    } finally {
      openTelemetry.removeHandler(handler);
      openTelemetry.setUseParentHandlers(parentHandlers);
      openTelemetry.setLevel(before);
      turnedOff.forEach(Logger::setLevel);
      exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
    return loggers;
  }

  private static Throwable failure(SpanExporter exporter) {
    CompletableResultCode result = exporter.export(spans(1)).join(10, TimeUnit.SECONDS);
    assertThat(result.isDone() && !result.isSuccess()).as("the export failed").isTrue();
    return result.getFailureThrowable();
  }

  private static ExportTraceServiceResponse partialSuccess(long rejected, String message) {
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder()
                .setRejectedSpans(rejected)
                .setErrorMessage(message))
        .build();
  }

  /** Real spans, as the SDK ends them. */
  private static List<SpanData> spans(int count) {
    InMemorySpanExporter recorded = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(recorded))
            .build()) {
      for (int i = 0; i < count; i++) {
        tracing.get("upstream-coupling").spanBuilder("span " + i).startSpan().end();
      }
      // Read before the provider's shutdown, which empties the exporter.
      return recorded.getFinishedSpanItems();
    }
  }

  /** An OTLP endpoint that answers every request with {@code status} and {@code body}. */
  private static HttpServer endpoint(int status, byte[] body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A port nothing listens on, so that connecting to it is refused at once. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
