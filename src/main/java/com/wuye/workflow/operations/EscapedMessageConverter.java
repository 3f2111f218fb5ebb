package com.wuye.workflow.operations;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message with its control characters escaped ({@code \r}, {@code \n}, {@code \u001b}
 * …), so that a value someone typed (an envelope number, a name) can never start a forged log
 * line. Registered for {@code %m} in logback-spring.xml; the JSON logs escape by themselves.
 */
public class EscapedMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return escape(super.convert(event));
  }

  static String escape(String message) {
    if (message == null) {
      return null;
    }
    StringBuilder escaped = null;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      boolean control = c < 0x20 && c != '\t' || c == 0x7f || c == '\u2028' || c == '\u2029';
      if (control && escaped == null) {
        escaped = new StringBuilder(message.length() + 16).append(message, 0, i);
      }
      if (escaped != null) {
        if (!control) {
          escaped.append(c);
        } else if (c == '\n') {
          escaped.append("\\n");
        } else if (c == '\r') {
          escaped.append("\\r");
        } else {
          escaped.append(String.format("\\u%04x", (int) c));
        }
      }
    }
    return escaped == null ? message : escaped.toString();
  }
}
