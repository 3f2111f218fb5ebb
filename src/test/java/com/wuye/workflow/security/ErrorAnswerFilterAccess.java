package com.wuye.workflow.security;

/** Opens the error answers' sanitizing to tests of other packages. */
public final class ErrorAnswerFilterAccess {
  private ErrorAnswerFilterAccess() {
  }

  public static String sanitize(int status, String body) {
    return ErrorAnswerFilter.sanitize(status, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
