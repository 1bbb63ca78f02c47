package io.github.checklyotel.test;

import io.github.checklyotel.test.app.AbstractActuatorCombinationTests;

/**
 * (b) The starter with Spring Boot Actuator: Micrometer Observations and metrics, but not Spring
 * Boot's tracing module, so the starter turns observations into spans itself.
 */
class ActuatorCombinationTests extends AbstractActuatorCombinationTests {}
