package com.wuye.workflow.office;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/offices}: the offices' ids and Chinese names (and the complaint mailbox's
 * tenant, 公司投訴信箱), for Tasklist, which shows a
 * task's office by its tenant id ("cuiyuan") and is taught to say 翠苑管理處 instead
 * (webapp tasklist/scripts/staff-texts.js). Names only; nothing of any case.
 */
@RestController
class OfficeController {

  private final Offices offices;

  OfficeController(Offices offices) {
    this.offices = offices;
  }

  @GetMapping("/api/offices")
  List<Map<String, String>> offices() {
    List<Map<String, String>> named = new java.util.ArrayList<>(offices.all().stream()
        .map(o -> Map.of("id", o.getId(), "name", o.getName())).toList());
    // the complaint mailbox's tenant (mail whose office is not known yet) is named too
    named.add(Map.of("id", Offices.MAILBOX_TENANT, "name", "公司投訴信箱"));
    return named;
  }
}
