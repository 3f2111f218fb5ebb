package com.wuye.workflow.notification;

import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The outbox for administrators and the office director: what is queued, sent, failed or had
 * nobody to go to, with the last error — the visible side of mail that never gets lost. A
 * director sees the mail of their office's cases; administrators every mail.
 */
@RestController
@RequestMapping("/api/mail-outbox")
class OutboxController {

  static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "FAILED", "NO_RECIPIENT");

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;
  private final Offices offices;

  OutboxController(JdbcTemplate jdbc, CurrentUser currentUser, Offices offices) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  @GetMapping
  List<Map<String, Object>> list(@RequestParam(required = false) String status) {
    currentUser.require("camunda-admin", "office-director");
    if (status != null && !STATUSES.contains(status)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "「status」須為 " + STATUSES + " 之一。");
    }
    List<Object> args = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT id, event_key, created_at, recipients, subject,"
        + " status, attempts, last_error, sent_at, office_id FROM mail_outbox WHERE 1 = 1");
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    sql.append(Offices.restrict("office_id", currentUser.isIn("camunda-admin") ? null
        : offices.callerOffices().stream().map(Office::getId).toList(), args));
    return jdbc.queryForList(sql.append(" ORDER BY id DESC LIMIT 500").toString(), args.toArray());
  }
}
