package com.wuye.workflow.operations;

import java.util.Map;

/** The REST start body of {@link BadInputTest}, for tests of other packages. */
public final class BadInputTestAccess {
  private BadInputTestAccess() {
  }

  public static String body(Map<String, Object> variables) {
    return BadInputTest.body(variables);
  }
}
