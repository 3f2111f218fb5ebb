package com.wuye.workflow.emergency;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The notices to residents of the emergency procedure (EM-1 fire, EM-2 strong wind, EM-3
 * earthquake), ready to print and post in a community: the procedure's own words
 * ({@code processes/guidance/}), the community and its office. Nothing personal; any member of
 * staff of the community's office may print it.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class EmergencyNoticePage {

  static final String[] READERS = {"service-staff", "duty-officer", "cs-supervisor",
      "department-head", "guard-leader", "key-custodian", "office-director", "deputy-gm",
      "general-manager", "complaint-center", "camunda-admin"};
  static final List<EmergencyGuidance.Kind> POSTED = List.of(EmergencyGuidance.Kind.FIRE,
      EmergencyGuidance.Kind.STRONG_WIND, EmergencyGuidance.Kind.EARTHQUAKE);

  private final EmergencyGuidance guidance;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final StaffText text;

  EmergencyNoticePage(EmergencyGuidance guidance, CurrentUser currentUser, Offices offices,
      StaffText text) {
    this.guidance = guidance;
    this.currentUser = currentUser;
    this.offices = offices;
    this.text = text;
  }

  @GetMapping("/app/records/notices/{kind}")
  String notice(@PathVariable String kind, @RequestParam String community, Model model) {
    currentUser.require(READERS);
    EmergencyGuidance.Kind which = POSTED.stream()
        .filter(k -> k.name().equals(kind.toUpperCase(Locale.ROOT).replace('-', '_')))
        .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有這種通知:" + kind + "(可選 fire、strong-wind、earthquake)。"));
    Office office = offices.officeOf(community).filter(o -> offices.callerSees(o.getId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有小區「" + community + "」。"));
    LocalDate today = LocalDate.now(text.zone());
    model.addAttribute("title", "致業戶:" + which.label() + "應急須知");
    model.addAttribute("officeName", office.getName());
    model.addAttribute("community", community);
    model.addAttribute("body", guidance.text(which));
    model.addAttribute("date", StaffText.date(today));
    return "records/notice";
  }
}
