/**
 * HTTP for tests: requests to an application under test with the JDK's client, and a third party
 * that records the trace headers a service sends it and hands them back for replay.
 */
package io.github.checklyotel.test.http;
