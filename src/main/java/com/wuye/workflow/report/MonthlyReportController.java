package com.wuye.workflow.report;

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

  MonthlyReportController(MonthlyReportService reports, CurrentUser currentUser) {
    this.reports = reports;
    this.currentUser = currentUser;
  }

  @GetMapping("/monthly")
  Map<String, Object> monthly(@RequestParam String month) {
    currentUser.require(READERS);
    return reports.compute(month(month));
  }

  @GetMapping("/monthly.csv")
  ResponseEntity<byte[]> monthlyCsv(@RequestParam String month) {
    currentUser.require(READERS);
    YearMonth yearMonth = month(month);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"complaint-report-" + yearMonth + ".csv\"")
        .body(MonthlyReportFormat.csv(reports.compute(yearMonth)));
  }

  private static YearMonth month(String month) {
    try {
      return MonthlyReportService.parseMonth(month);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
  }
}
