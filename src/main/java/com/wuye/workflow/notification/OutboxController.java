package com.wuye.workflow.notification;

import com.wuye.workflow.security.CurrentUser;
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
 * nobody to go to, with the last error — the visible side of mail that never gets lost.
 */
@RestController
@RequestMapping("/api/mail-outbox")
class OutboxController {

  static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "FAILED", "NO_RECIPIENT");

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;

  OutboxController(JdbcTemplate jdbc, CurrentUser currentUser) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
  }

  @GetMapping
  List<Map<String, Object>> list(@RequestParam(required = false) String status) {
    currentUser.require("camunda-admin", "office-director");
    if (status == null) {
      return jdbc.queryForList("""
          SELECT id, event_key, created_at, recipients, subject, status, attempts, last_error, sent_at
          FROM mail_outbox ORDER BY id DESC LIMIT 500""");
    }
    if (!STATUSES.contains(status)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "「status」須為 " + STATUSES + " 之一。");
    }
    return jdbc.queryForList("""
        SELECT id, event_key, created_at, recipients, subject, status, attempts, last_error, sent_at
        FROM mail_outbox WHERE status = ? ORDER BY id DESC LIMIT 500""", status);
  }
}
