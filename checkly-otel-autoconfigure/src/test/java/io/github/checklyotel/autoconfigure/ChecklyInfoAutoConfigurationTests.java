package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.actuate.internal.ChecklyInfoContributor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ChecklyInfoAutoConfiguration}: one test per condition. */
class ChecklyInfoAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, ChecklyInfoAutoConfiguration.class));

  @Test
  void contributesTheInfoContributor() {
    this.runner.run(context -> assertThat(context).hasSingleBean(ChecklyInfoContributor.class));
  }

  @Test
  void contributesNothingWhenChecklyTracingIsOff() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(InfoContributor.class));
  }

  @Test
  void canBeDisabledLikeAnyOtherInfoContributor() {
    this.runner
        .withPropertyValues("management.info.checkly.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(InfoContributor.class));
  }

  @Test
  void backsOffToAUserContributorOfTheSameName() {
    this.runner
        .withBean("checklyInfoContributor", InfoContributor.class, () -> (builder) -> {})
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(ChecklyInfoContributor.class)
                    .hasSingleBean(InfoContributor.class));
  }

  @Test
  void nothingWithoutActuator() {
    this.runner
        .withClassLoader(new FilteredClassLoader(InfoContributor.class))
        .run(context -> assertThat(context).doesNotHaveBean(ChecklyInfoContributor.class));
  }
}
