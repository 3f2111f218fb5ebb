package com.wuye.workflow.dashboard;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The cases behind a number of the dashboard: an office's open complaints in one deadline state
 * ({@code /app/records/open-complaints?office=…&state=overdue}), each with the task whose
 * deadline it is, when it is due, and links to the complaint's file and to the case in Cockpit.
 * The dashboard's readers and office isolation; it changes nothing.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class OpenComplaintsPage {

  /** One complaint as listed. */
  record Line(String no, String place, String matter, String task, String due, String fileHref,
      String caseHref) {
  }

  private final CurrentUser currentUser;
  private final Offices offices;
  private final OpenComplaints open;
  private final JdbcTemplate jdbc;
  private final StaffText text;

  OpenComplaintsPage(CurrentUser currentUser, Offices offices, OpenComplaints open,
      JdbcTemplate jdbc, StaffText text) {
    this.currentUser = currentUser;
    this.offices = offices;
    this.open = open;
    this.jdbc = jdbc;
    this.text = text;
  }

  @GetMapping("/app/records/open-complaints")
  String list(@RequestParam String office, @RequestParam String state, Model model) {
    currentUser.require(DashboardController.READERS);
    OpenComplaints.State wanted;
    try {
      wanted = OpenComplaints.State.fromKey(state);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    Office of = offices.find(office).filter(o -> offices.callerSees(o.getId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有管理處「" + office + "」。"));
    Date now = ClockUtil.getCurrentTime();
    List<OpenComplaints.Nearest> cases = open.nearestDeadlines(of.getId(), now).stream()
        .filter(n -> n.state() == wanted).toList();
    Map<String, Map<String, Object>> complaints = new java.util.HashMap<>();
    List<String> ids = cases.stream().map(OpenComplaints.Nearest::processInstanceId).toList();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(i + 500, ids.size()));
      jdbc.queryForList("SELECT process_instance_id, complaint_no, community, building, unit,"
          + " matter FROM complaint WHERE process_instance_id IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
          chunk.toArray()).forEach(row -> complaints.put((String) row.get("PROCESS_INSTANCE_ID"), row));
    }
    List<Line> lines = cases.stream().map(n -> {
      Map<String, Object> c = complaints.getOrDefault(n.processInstanceId(), Map.of());
      String no = (String) c.getOrDefault("COMPLAINT_NO", "");
      String place = String.join(" ", java.util.stream.Stream.of(c.get("COMMUNITY"),
          c.get("BUILDING"), c.get("UNIT")).filter(v -> v != null).map(Object::toString).toList());
      return new Line(no, place, (String) c.get("MATTER"), n.taskName(),
          text.dateTime(n.due()),
          no.isEmpty() ? null : "/app/records/complaints/" + org.springframework.web.util.UriUtils
              .encodePathSegment(no, java.nio.charset.StandardCharsets.UTF_8),
          "/camunda/app/cockpit/default/#/process-instance/" + n.processInstanceId());
    }).toList();
    model.addAttribute("officeName", of.getName());
    model.addAttribute("stateLabel", wanted.label);
    model.addAttribute("now", text.dateTime(now));
    model.addAttribute("lines", lines);
    return "records/open-complaints";
  }
}
