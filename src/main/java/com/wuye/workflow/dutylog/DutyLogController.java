package com.wuye.workflow.dutylog;

import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.forms.RequestDates;
import com.wuye.workflow.office.Offices;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The duty log for the people who keep and supervise it (CP-16): duty officers, the CS
 * supervisor, the office director, the deputy GM, the GM and the complaint centre.
 * {@code GET /api/duty-log?from=2026-11-01&to=2026-11-30&community=…} (dates inclusive).
 */
@RestController
@RequestMapping("/api/duty-log")
class DutyLogController {

  static final String[] READERS = {"duty-officer", "cs-supervisor", "office-director",
      "deputy-gm", "general-manager", "complaint-center", "camunda-admin"};

  private final DutyLogRepository repository;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final com.wuye.workflow.forms.StaffText text;

  DutyLogController(DutyLogRepository repository, CurrentUser currentUser, Offices offices,
      com.wuye.workflow.forms.StaffText text) {
    this.repository = repository;
    this.currentUser = currentUser;
    this.offices = offices;
    this.text = text;
  }

  @GetMapping
  List<DutyLogEntry> find(@RequestParam String from, @RequestParam String to,
      @RequestParam(required = false) String community,
      @RequestParam(required = false) String processInstanceId,
      @RequestParam(defaultValue = "1000") int limit) {
    currentUser.require(READERS);
    // the office's days, and the entries' times in the office's time zone
    java.time.LocalDateTime[] days = RequestDates.officeDays(from, to, text.zone());
    if (limit < 1 || limit > 10_000) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "「limit」須在 1 至 10000 之間。");
    }
    // a member of an office reads its office's log only; the company-wide roles every office's
    return repository.find(days[0], days[1],
        offices.recordFilter(), blankToNull(community), blankToNull(processInstanceId), limit).stream()
        .map(e -> e.withLoggedAt(text.officeTime(e.loggedAt()))).toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
