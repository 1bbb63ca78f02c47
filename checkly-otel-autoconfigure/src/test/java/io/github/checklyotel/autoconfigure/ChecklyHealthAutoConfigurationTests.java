package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.actuate.internal.ChecklyHealthEndpointGroups;
import io.github.checklyotel.actuate.internal.ChecklyHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ChecklyHealthAutoConfiguration}: one test per condition. */
class ChecklyHealthAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, ChecklyHealthAutoConfiguration.class));

  @Test
  void contributesTheHealthIndicatorAndItsGroups() {
    this.runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ChecklyHealthIndicator.class)
                .hasBean("checklyExportHealthIndicator")
                .hasSingleBean(ChecklyHealthEndpointGroups.class));
  }

  @Test
  void contributesNothingWhenChecklyTracingIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HealthIndicator.class));
  }

  @Test
  void canBeDisabledLikeAnyOtherHealthIndicator() {
    this.runner
        .withPropertyValues("management.health.checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(ChecklyHealthEndpointGroups.class));
  }

  @Test
  void backsOffToAUserIndicatorOfTheSameName() {
    this.runner
        .withBean(
            "checklyExportHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyHealthIndicator.class)
                    .hasSingleBean(ChecklyHealthEndpointGroups.class));
  }

  @Test
  void nothingWithoutSpringBootHealth() {
    this.runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyHealthIndicator.class));
  }
}
