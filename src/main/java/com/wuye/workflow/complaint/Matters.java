package com.wuye.workflow.complaint;

import java.text.Normalizer;
import java.util.Locale;

/** What makes two complaints "the same matter" (CP-4). */
public final class Matters {

  private Matters() {
  }

  /**
   * Folds full-width and half-width forms together (NFKC), drops white space and punctuation
   * of any script, and lower-cases: "電梯 故障!" and "電梯故障" are one matter.
   */
  public static String key(String matter) {
    String folded = Normalizer.normalize(matter, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return folded.replaceAll("[\\p{Z}\\s\\p{P}\\p{S}]", "");
  }
}
