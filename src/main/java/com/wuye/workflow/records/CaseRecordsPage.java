package com.wuye.workflow.records;

import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /app/records/cases/{processInstanceId}}: the printable record of a case, from Cockpit's
 * case page — the complaint's file, the key envelope or the monthly report. A case of another
 * office, or one with no record, is answered as not found, telling nothing of it.
 */
@Controller
@RecordPage
class CaseRecordsPage {

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;
  private final Offices offices;

  CaseRecordsPage(JdbcTemplate jdbc, CurrentUser currentUser, Offices offices) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  @GetMapping("/app/records/cases/{processInstanceId}")
  String caseRecords(@PathVariable String processInstanceId) {
    currentUser.require(RecordsIndexPage.READERS);
    for (Map<String, Object> c : jdbc.queryForList("SELECT complaint_no, office_id FROM complaint"
        + " WHERE process_instance_id = ?", processInstanceId)) {
      if (offices.callerSees((String) c.get("OFFICE_ID"))) {
        return "redirect:/app/records/complaints/" + encode((String) c.get("COMPLAINT_NO"));
      }
    }
    for (Map<String, Object> e : jdbc.queryForList("SELECT envelope_no, office_id FROM"
        + " key_envelope WHERE process_instance_id = ? ORDER BY id", processInstanceId)) {
      if (offices.callerSees((String) e.get("OFFICE_ID"))) {
        return "redirect:/app/records/key-envelopes/" + encode((String) e.get("ENVELOPE_NO"));
      }
    }
    List<Map<String, Object>> reports = jdbc.queryForList("SELECT report_month, office_id,"
        + " version FROM monthly_report WHERE process_instance_id = ? ORDER BY version DESC",
        processInstanceId);
    for (Map<String, Object> r : reports) {
      String office = (String) r.get("OFFICE_ID");
      if (office != null && offices.callerSees(office)) {
        return "redirect:/app/records/monthly-report?month=" + r.get("REPORT_MONTH")
            + "&office=" + office + "&version=" + r.get("VERSION");
      }
    }
    throw new ResponseStatusException(HttpStatus.NOT_FOUND, "這個個案沒有可列印的記錄。");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
