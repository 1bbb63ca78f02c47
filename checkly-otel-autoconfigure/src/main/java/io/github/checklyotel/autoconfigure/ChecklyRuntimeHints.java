package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.version.StarterBuild;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image needs for the starter's own reflection and resources. Spring registers the
 * rest: the {@code spring.factories} entries, the beans, the {@code @ConfigurationProperties} bean.
 */
class ChecklyRuntimeHints implements RuntimeHintsRegistrar {

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    hints.resources().registerPattern(StarterBuild.RESOURCE_PATH);
    // Bound outside the bean too, by the environment post-processor and the conditions.
    BindableRuntimeHintsRegistrar.forTypes(ChecklyProperties.class)
        .registerHints(hints, classLoader);
    for (String type : ChecklyObservationAutoConfiguration.OBSERVATION_CONTEXT_TYPES) {
      hints.reflection().registerTypeIfPresent(classLoader, type);
    }
  }
}
