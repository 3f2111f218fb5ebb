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
