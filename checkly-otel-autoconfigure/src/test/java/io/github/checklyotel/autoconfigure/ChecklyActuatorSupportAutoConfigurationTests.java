package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.actuate.ChecklyHealthEndpointGroups;
import io.github.checklyotel.actuate.ChecklyHealthIndicator;
import io.github.checklyotel.actuate.ChecklyInfoContributor;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.metrics.ChecklyMeterBinder;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The health, info and metrics auto-configurations: one test per condition. */
class ChecklyActuatorSupportAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class,
                  ChecklyHealthAutoConfiguration.class,
                  ChecklyInfoAutoConfiguration.class,
                  ChecklyMetricsAutoConfiguration.class));

  @Test
  void contributesHealthInfoAndMeters() {
    this.runner.run(
        context ->
            assertThat(context)
                .hasSingleBean(ChecklyHealthIndicator.class)
                .hasBean("checklyExportHealthIndicator")
                .hasSingleBean(ChecklyHealthEndpointGroups.class)
                .hasSingleBean(ChecklyInfoContributor.class)
                .hasSingleBean(ChecklyMeterBinder.class));
  }

  @Test
  void contributesNothingWhenChecklyTracingIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(InfoContributor.class)
                    .doesNotHaveBean(MeterBinder.class));
  }

  @Test
  void healthIndicatorCanBeDisabledLikeAnyOther() {
    this.runner
        .withPropertyValues("management.health.checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(HealthIndicator.class)
                    .doesNotHaveBean(ChecklyHealthEndpointGroups.class)
                    .hasSingleBean(ChecklyInfoContributor.class));
  }

  @Test
  void infoContributorCanBeDisabledLikeAnyOther() {
    this.runner
        .withPropertyValues("management.info.checkly.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(InfoContributor.class)
                    .hasSingleBean(ChecklyHealthIndicator.class));
  }

  @Test
  void backsOffToUserBeans() {
    this.runner
        .withBean(
            "checklyExportHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
        .withBean("checklyInfoContributor", InfoContributor.class, () -> (builder) -> {})
        .withBean(
            ChecklyMeterBinder.class, () -> new ChecklyMeterBinder(null, null, new ExportStatus()))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyHealthIndicator.class)
                    .doesNotHaveBean(ChecklyInfoContributor.class)
                    .hasSingleBean(ChecklyMeterBinder.class)
                    .hasSingleBean(ChecklyHealthEndpointGroups.class));
  }

  @Test
  void noHealthIndicatorWithoutSpringBootHealth() {
    this.runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyHealthIndicator.class)
                    .hasSingleBean(ChecklyInfoContributor.class));
  }

  @Test
  void noInfoContributorWithoutActuator() {
    this.runner
        .withClassLoader(new FilteredClassLoader(InfoContributor.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyInfoContributor.class));
  }

  @Test
  void noMetersWithoutMicrometer() {
    this.runner
        .withClassLoader(new FilteredClassLoader(MeterBinder.class))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyMeterBinder.class)
                    .hasSingleBean(ChecklyHealthIndicator.class));
  }
}
