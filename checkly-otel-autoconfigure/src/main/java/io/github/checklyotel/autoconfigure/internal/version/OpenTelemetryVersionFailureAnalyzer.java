package io.github.checklyotel.autoconfigure.internal.version;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains {@link OpenTelemetryVersionException}: the BOM to import, for Maven and Gradle. */
public class OpenTelemetryVersionFailureAnalyzer
    extends AbstractFailureAnalyzer<OpenTelemetryVersionException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, OpenTelemetryVersionException cause) {
    String bom = cause.getInstrumentationVersion();
    return new FailureAnalysis(
        "The OpenTelemetry libraries on the class path do not match what the Checkly starter"
            + " needs (OpenTelemetry "
            + cause.getOpentelemetryVersion()
            + " or later, from OpenTelemetry's instrumentation BOM "
            + bom
            + "):\n    "
            + String.join("\n    ", cause.getProblems())
            + "\nSpring Boot's dependency management pins an older OpenTelemetry unless"
            + " OpenTelemetry's BOM is imported before it.",
        """
        Import OpenTelemetry's BOM ahead of Spring Boot's dependency management.

        Maven, in <dependencyManagement><dependencies>, first (before spring-boot-dependencies, \
        if you import it):
            <dependency>
              <groupId>io.opentelemetry.instrumentation</groupId>
              <artifactId>opentelemetry-instrumentation-bom</artifactId>
              <version>%s</version>
              <type>pom</type>
              <scope>import</scope>
            </dependency>

        Gradle with the io.spring.dependency-management plugin:
            dependencyManagement {
                imports { mavenBom("io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom:%s") }
            }
        Gradle without it:
            implementation(platform("io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom:%s"))"""
            .formatted(bom, bom, bom),
        cause);
  }
}
