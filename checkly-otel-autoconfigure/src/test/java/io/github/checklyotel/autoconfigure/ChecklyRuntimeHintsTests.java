package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.autoconfigure.internal.version.StarterBuild;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.ClassPathResource;

/** {@link ChecklyRuntimeHints}: what a native image of an application with the starter needs. */
class ChecklyRuntimeHintsTests {

  private final RuntimeHints hints = new RuntimeHints();

  ChecklyRuntimeHintsTests() {
    new ChecklyRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
  }

  @Test
  void theVersionResourceIsIncluded() {
    assertThat(new ClassPathResource(StarterBuild.RESOURCE_PATH).exists()).isTrue();
    assertThat(RuntimeHintsPredicates.resource().forResource(StarterBuild.RESOURCE_PATH))
        .accepts(this.hints);
  }

  @Test
  void thePropertiesCanBeBoundOutsideTheirBean() {
    assertThat(RuntimeHintsPredicates.reflection().onType(ChecklyProperties.class))
        .accepts(this.hints);
    assertThat(RuntimeHintsPredicates.reflection().onType(ChecklyProperties.Web.class))
        .accepts(this.hints);
  }

  @Test
  void theObservationContextsLookedUpByNameAreKept() {
    assertThat(ChecklyObservationAutoConfiguration.OBSERVATION_CONTEXT_TYPES).hasSize(4);
    for (String type : ChecklyObservationAutoConfiguration.OBSERVATION_CONTEXT_TYPES) {
      assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type)))
          .as(type)
          .accepts(this.hints);
    }
  }

  @Test
  void springFindsTheRegistrar() {
    assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
        .anyMatch(ChecklyRuntimeHints.class::isInstance);
  }
}
