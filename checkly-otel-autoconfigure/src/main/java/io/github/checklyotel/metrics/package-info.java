/**
 * Micrometer meters about Checkly tracing: spans exported and failed, requests left untraced,
 * traces started and refused by the spoofing cap.
 */
package io.github.checklyotel.metrics;
