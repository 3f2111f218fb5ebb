package com.wuye.workflow.operations;

/** Opens the log escaping to tests. */
public final class EscapedMessageConverterAccess {
  private EscapedMessageConverterAccess() {
  }

  public static String escape(String message) {
    return EscapedMessageConverter.escape(message);
  }
}
