package io.github.checklyotel.export.internal;

import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import java.util.regex.Pattern;

/**
 * The one rule of which settings hold secrets, applied to a setting's name ({@link #isSecretKey},
 * for Actuator) and to text that may quote settings ({@link #mask}, for logs and failure reports):
 * any OTLP headers setting, in any spelling, since every header value may be a credential; and
 * anything named like a credential. A secret shows as {@link ChecklySamplingSettings#MASK}.
 */
public final class SecretMasker {

  /** What a headers setting's name contains, and what may follow it in the name. */
  private static final String HEADERS_NAME = "headers[\\w.\\[\\]-]*";

  /** What a credential's name ends with. */
  private static final String CREDENTIAL_NAME =
      "(?:authorization|api[-_.]?key|token|password|secret)";

  /** The name of a setting that holds a secret. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(?:" + HEADERS_NAME + "|" + CREDENTIAL_NAME + ")");

  /** Anything after a headers setting's name: every header value may be a credential. */
  private static final Pattern HEADERS_VALUE =
      Pattern.compile("(?i)(" + HEADERS_NAME + "\\s*[=:]\\s*)(\\S[^\\n]*)");

  /** A credential named anywhere in the text, as {@code name=value} or {@code name: value}. */
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i)(" + CREDENTIAL_NAME + "\\s*[=:]\\s*)([^,;\\s]+(?: [^,;\\s]+)?)");

  private SecretMasker() {}

  /** Whether the setting named {@code key}, in any spelling, may hold a secret. */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** Returns {@code text} with anything that looks like a credential replaced by a mask. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = HEADERS_VALUE.matcher(text).replaceAll("$1" + ChecklySamplingSettings.MASK);
    return CREDENTIAL.matcher(masked).replaceAll("$1" + ChecklySamplingSettings.MASK);
  }
}
