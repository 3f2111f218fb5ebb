package com.wuye.workflow.forms;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Date parameters of the project's own endpoints: a bad one is a 400 naming it. */
public final class RequestDates {

  private RequestDates() {
  }

  /** {@code YYYY-MM-DD}, or 400 「name」須為日期 YYYY-MM-DD. */
  public static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "「" + name + "」須為日期 YYYY-MM-DD:" + value);
    }
  }

  /**
   * The office's calendar days from–to (both inclusive) as the database's timestamps hold them
   * — the server's wall-clock time — from the start of the first day to the start of the day
   * after the last: a complaint received at 03:54 on 2 December in the office is found on the
   * 2nd, whatever the server's time zone.
   */
  public static java.time.LocalDateTime[] officeDays(String from, String to,
      java.time.ZoneId office) {
    LocalDate[] range = range(from, to);
    return new java.time.LocalDateTime[] {
        serverTime(range[0].atStartOfDay(office)),
        serverTime(range[1].plusDays(1).atStartOfDay(office))};
  }

  private static java.time.LocalDateTime serverTime(java.time.ZonedDateTime time) {
    return java.time.LocalDateTime.ofInstant(time.toInstant(), java.time.ZoneId.systemDefault());
  }

  /** from and to, both inclusive, in order. */
  public static LocalDate[] range(String from, String to) {
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    if (last.isBefore(first)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "「to」不可早於「from」。");
    }
    return new LocalDate[] {first, last};
  }
}
