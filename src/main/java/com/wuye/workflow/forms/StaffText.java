package com.wuye.workflow.forms;

import com.wuye.workflow.complaint.ComplaintProperties;
import com.wuye.workflow.identity.IdentityProperties;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How the system writes to staff — in mails, the duty log and the texts forms show: dates as
 * staff write them ({@code 2026年12月1日 14:30}) in the office's time zone, groups by their
 * Chinese names ({@code 管理處主任}), never a group id, a clause id or Java's date format.
 */
@Component
public class StaffText {

  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final ZoneId zone;
  private final Map<String, String> groupNames = new HashMap<>();

  public StaffText(ComplaintProperties complaint, IdentityProperties identity) {
    this.zone = complaint.getTimeZone();
    identity.getGroups().forEach(g -> groupNames.put(g.getId(), g.getName()));
  }

  /** 2026年12月1日 14:30, in the office's time zone. */
  public String dateTime(Date date) {
    return date == null ? "" : DATE_TIME.format(ZonedDateTime.ofInstant(date.toInstant(), zone));
  }

  /** A time as the database holds it (the server's wall clock), as staff read it: 2026年12月1日 14:30. */
  public String dateTime(LocalDateTime serverTime) {
    return serverTime == null ? "" : DATE_TIME.format(officeTime(serverTime));
  }

  /** 2026年12月1日. */
  public static String date(java.time.LocalDate day) {
    return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
  }

  /**
   * A date and time a form sent (form-js: {@code 2026-11-25T21:10}, or with an offset when the
   * field keeps one) as staff write it; anything else as it came.
   */
  public String dateTime(String formValue) {
    java.time.Instant moment = moment(formValue, zone);
    return moment == null ? formValue : DATE_TIME.format(moment.atZone(zone));
  }

  /**
   * The moment a form or an integration gave: ISO 8601 with an offset, or a local date and time
   * ({@code 2026-11-25T21:10}, form-js without a time zone) in {@code zone}; null for anything
   * else.
   */
  public static java.time.Instant moment(String value, ZoneId zone) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(value.length() > 19 ? value.substring(0, 19) : value)
            .atZone(zone).toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** The office's time zone. */
  public ZoneId zone() {
    return zone;
  }

  /** A time as the database holds it (the server's wall clock) in the office's time zone. */
  public LocalDateTime officeTime(LocalDateTime serverTime) {
    return serverTime == null ? null : serverTime.atZone(ZoneId.systemDefault())
        .withZoneSameInstant(zone).toLocalDateTime();
  }

  /** 2025年5月. */
  public static String month(YearMonth month) {
    return month.getYear() + "年" + month.getMonthValue() + "月";
  }

  /** The group's Chinese name (管理處主任); the id only for a group the configuration lacks. */
  public String group(String groupId) {
    return groupNames.getOrDefault(groupId, groupId);
  }
}
