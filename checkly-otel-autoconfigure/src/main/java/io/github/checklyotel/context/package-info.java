/**
 * Carrying OpenTelemetry's context across threads: the task decorator Spring Boot applies to the
 * executors it builds, so that work handed off within a Checkly trace stays in it.
 */
package io.github.checklyotel.context;
