package com.wuye.workflow.unlockeddoor;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Whether the person taking a sealed key (業主簽收鑰匙) has the name of the person who gave
 * consent to lock up and keep it (征得業主同意, {@code consentGivenBy}); UD-4.4.1.4 / UD-4.4.2.5.
 * Both names are compared as staff would read them, not as typed: full-width letters, digits
 * and spaces as half-width (NFKC), no spaces at all, Latin letters in any case, and without the
 * word 業主 staff often write before the owner's name on the phone ("業主張先生"). Nothing else
 * is guessed: "張先生" is not "張大文", and a consent recorded without a name ("業主") matches
 * nobody, so the office director decides (processes/README.md).
 */
final class OwnerNames {

  /** What staff write before the owner's name; not part of it. */
  private static final String OWNER_WORD = "業主";

  private OwnerNames() {
  }

  static String normalise(String name) {
    if (name == null) {
      return "";
    }
    String normal = Normalizer.normalize(name, Normalizer.Form.NFKC)
        .replaceAll("[\\s\\p{Z}]+", "").toLowerCase(Locale.ROOT);
    while (normal.startsWith(OWNER_WORD)) {
      normal = normal.substring(OWNER_WORD.length());
    }
    return normal;
  }

  /** Both names normalised are the same and not empty. */
  static boolean same(String handOver, String consent) {
    String a = normalise(handOver);
    return !a.isEmpty() && a.equals(normalise(consent));
  }
}
