/**
 * Spring Boot 3 variants of the Actuator health types, whose packages Spring Boot 4 moved. They
 * compile against Spring Boot 3.5's Actuator in a second compiler pass, into the same jar, and load
 * only on Spring Boot 3.
 */
package io.github.checklyotel.actuate.boot3;
