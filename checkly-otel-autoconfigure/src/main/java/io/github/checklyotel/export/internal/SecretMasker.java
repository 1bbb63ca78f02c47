package io.github.checklyotel.export.internal;

import java.util.regex.Pattern;

/** Masks credentials in text that may quote OTLP header values or other secrets. */
public final class SecretMasker {

  public static final String MASK = "******";

  /** Anything after a {@code headers} property name: every header value may be a credential. */
  private static final Pattern HEADERS_VALUE =
      Pattern.compile("(?i)(headers\\s*[=:]\\s*)(\\S[^\\n]*)");

  /** A credential named anywhere in the text, as {@code name=value} or {@code name: value}. */
  private static final Pattern CREDENTIAL =
      Pattern.compile(
          "(?i)((?:authorization|api[-_.]?key|token|password|secret)\\s*[=:]\\s*)([^,;\\s]+(?: [^,;\\s]+)?)");

  private SecretMasker() {}

  /** Returns {@code text} with anything that looks like a credential replaced by a mask. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = HEADERS_VALUE.matcher(text).replaceAll("$1" + MASK);
    return CREDENTIAL.matcher(masked).replaceAll("$1" + MASK);
  }
}
