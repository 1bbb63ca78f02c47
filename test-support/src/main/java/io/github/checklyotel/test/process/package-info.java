/** Applications under test started in JVMs of their own. */
package io.github.checklyotel.test.process;
