package com.wuye.workflow.complaint;

import java.time.ZonedDateTime;
import java.util.Date;

/**
 * "即日內回復" (CP-10.2): by the end of the day the complaint arrived, in the office's time
 * zone; a complaint arriving at or after the cut-off is due by the end of the next day.
 */
public final class SameDay {

  private SameDay() {
  }

  public static Date deadline(Date receivedAt, ComplaintProperties properties) {
    ZonedDateTime received = receivedAt.toInstant().atZone(properties.getTimeZone());
    var day = received.toLocalDate();
    if (!received.toLocalTime().isBefore(properties.getSameDayCutoff())) {
      day = day.plusDays(1);
    }
    return Date.from(day.plusDays(1).atStartOfDay(properties.getTimeZone()).toInstant()
        .minusSeconds(1));
  }
}
