package com.wuye.workflow.dutylog;

import com.wuye.workflow.forms.RequestDates;
import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * 值班記錄表 as a page to read and print (A4, the office and the day on every page, the signature
 * lines of the shift): one office-day, or one community's. The same readers and office
 * isolation as {@code /api/duty-log}; it changes nothing.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class DutyLogPage {

  private final DutyLogRepository repository;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final StaffText text;
  private final com.wuye.workflow.records.People people;

  DutyLogPage(DutyLogRepository repository, CurrentUser currentUser, Offices offices,
      StaffText text, com.wuye.workflow.records.People people) {
    this.repository = repository;
    this.currentUser = currentUser;
    this.offices = offices;
    this.text = text;
    this.people = people;
  }

  /** One line as printed. */
  record Line(String time, String place, String entryType, String summary, String caseNo,
      String who) {
  }

  @GetMapping("/app/records/duty-log")
  String dutyLog(@RequestParam(required = false) String date,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String office, Model model) {
    currentUser.require(DutyLogController.READERS);
    if (date == null || date.isBlank()) {
      // today's sheet, the office's day (the link in the duty officer's form)
      date = LocalDate.now(text.zone()).toString();
    }
    LocalDate day;
    try {
      day = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "「date」不是有效的日期(YYYY-MM-DD):" + date);
    }
    Office of = officeOf(blankToNull(community), blankToNull(office));
    java.time.LocalDateTime[] range = RequestDates.officeDays(date, date, text.zone());
    List<Line> lines = repository.find(range[0], range[1], List.of(of.getId()),
        blankToNull(community), null, 10_000).stream()
        .map(e -> e.withLoggedAt(text.officeTime(e.loggedAt())))
        .map(e -> new Line(String.format("%02d:%02d", e.loggedAt().getHour(),
            e.loggedAt().getMinute()), place(e), e.entryType(), e.summary(), e.businessKey(),
            people.name(e.recordedBy())))
        .toList();
    model.addAllAttributes(Map.of("officeName", of.getName(), "dateText",
        StaffText.date(day),
        "entries", lines));
    model.addAttribute("community", blankToNull(community));
    return "records/duty-log";
  }

  /** The sheet's office: the community's, the one named, or the caller's own. */
  private Office officeOf(String community, String officeId) {
    Office office;
    if (community != null) {
      office = offices.officeOf(community).orElseThrow(() -> new ResponseStatusException(
          HttpStatus.NOT_FOUND, "沒有小區「" + community + "」。"));
    } else if (officeId != null) {
      office = offices.find(officeId).orElseThrow(() -> new ResponseStatusException(
          HttpStatus.NOT_FOUND, "沒有管理處「" + officeId + "」。"));
    } else {
      List<Office> own = offices.callerOffices();
      if (own.size() != 1) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
            "請以「community」(小區)或「office」(管理處)指明哪一份值班記錄表。");
      }
      office = own.get(0);
    }
    if (!offices.callerSees(office.getId())) {
      // another office's log is answered as if it did not exist
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有這份值班記錄表。");
    }
    return office;
  }

  private static String place(DutyLogEntry e) {
    return String.join(" ", java.util.stream.Stream.of(e.community(), e.building(), e.unit())
        .filter(s -> s != null && !s.isBlank()).toList());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
