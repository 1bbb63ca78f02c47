package io.github.checklyotel.test;

import io.github.checklyotel.test.app.AbstractCombinationTests;

/** (a) The starter alone: OpenTelemetry's instrumentation, no Micrometer Observation registry. */
class StarterOnlyCombinationTests extends AbstractCombinationTests {

  @Override
  protected boolean recordsObservations() {
    return false;
  }
}
