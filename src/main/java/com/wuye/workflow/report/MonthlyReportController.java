package com.wuye.workflow.report;

import com.wuye.workflow.office.Offices;
import java.util.List;
import com.wuye.workflow.security.CurrentUser;
import java.time.YearMonth;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The monthly report for managers: JSON, and CSV that opens in a spreadsheet. */
@RestController
@RequestMapping("/api/reports")
class MonthlyReportController {

  static final String[] READERS = {"cs-supervisor", "office-director", "deputy-gm",
      "general-manager", "complaint-center", "camunda-admin"};

  private final MonthlyReportService reports;
  private final CurrentUser currentUser;
  private final Offices offices;

  MonthlyReportController(MonthlyReportService reports, CurrentUser currentUser, Offices offices) {
    this.reports = reports;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  /**
   * {@code ?month=2026-11&office=cuiyuan}: one office's report. Without {@code office} a member
   * of one office gets their office's, and the company-wide roles the company's summary of every
   * office ({@code office=all} says so explicitly). Without {@code version} the version the
   * director approved (frozen), else the latest computed; {@code version=N} that version. A
   * month never compiled is computed from the records as they are now.
   */
  @GetMapping("/monthly")
  Map<String, Object> monthly(@RequestParam String month,
      @RequestParam(required = false) String office,
      @RequestParam(required = false) Integer version) {
    currentUser.require(READERS);
    return fetch(month(month), office(office), version);
  }

  @GetMapping("/monthly.csv")
  ResponseEntity<byte[]> monthlyCsv(@RequestParam String month,
      @RequestParam(required = false) String office,
      @RequestParam(required = false) Integer version) {
    currentUser.require(READERS);
    YearMonth yearMonth = month(month);
    String officeId = office(office);
    Map<String, Object> report = fetch(yearMonth, officeId, version);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"complaint-report-"
            + (officeId == null ? "all" : officeId) + "-" + yearMonth
            + (report.get("version") == null ? "" : "-v" + report.get("version")) + ".csv\"")
        .body(MonthlyReportFormat.csv(report));
  }

  /** Every stored version of an office's month: number, when computed, whether approved. */
  @GetMapping("/monthly/versions")
  List<Map<String, Object>> versions(@RequestParam String month,
      @RequestParam(required = false) String office) {
    currentUser.require(READERS);
    return reports.versions(month(month), office(office));
  }

  private Map<String, Object> fetch(YearMonth month, String officeId, Integer version) {
    if (version != null && version < 1) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "版本須為正整數。");
    }
    try {
      return reports.fetch(month, officeId, version);
    } catch (java.util.NoSuchElementException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
    }
  }

  /** The office whose report the caller asked for and may read; null for the company's. */
  private String office(String requested) {
    List<String> filter = offices.recordFilter();
    if (requested == null || requested.isBlank() || "all".equals(requested)) {
      if (filter == null) {
        return null;
      }
      if (filter.size() == 1) {
        return filter.get(0);
      }
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "請指定管理處(office)。");
    }
    if (offices.find(requested).isEmpty() || !offices.callerSees(requested)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "沒有此管理處的月報。");
    }
    return requested;
  }

  private static YearMonth month(String month) {
    try {
      return MonthlyReportService.parseMonth(month);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
