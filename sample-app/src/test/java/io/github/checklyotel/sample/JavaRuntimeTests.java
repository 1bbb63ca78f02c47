package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves which Java the end-to-end tests ran on, where the build asks for one. */
class JavaRuntimeTests {

  @Test
  void runsOnTheJavaTheBuildAskedFor() {
    String expected = System.getProperty("checkly.expected-java-feature");
    if (expected == null) {
      assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
      return;
    }
    assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(expected));
  }
}
