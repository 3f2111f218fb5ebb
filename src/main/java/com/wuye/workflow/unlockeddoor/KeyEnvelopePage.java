package com.wuye.workflow.unlockeddoor;

import com.wuye.workflow.forms.StaffText;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.records.People;
import com.wuye.workflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * 專用信封 as a page to print: the envelope's label (number, case, unit, sealed at and by, the
 * signature lines of finder, staff and third party) and the owner's receipt at the hand-over
 * (UD-4.4). The same readers and office isolation as {@code /api/key-envelopes}; it changes
 * nothing.
 */
@Controller
@com.wuye.workflow.records.RecordPage
class KeyEnvelopePage {

  private final KeyEnvelopeService envelopes;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final StaffText text;
  private final People people;
  private final com.wuye.workflow.forms.FormCatalog forms;

  KeyEnvelopePage(KeyEnvelopeService envelopes, CurrentUser currentUser, Offices offices,
      StaffText text, People people, com.wuye.workflow.forms.FormCatalog forms) {
    this.forms = forms;
    this.envelopes = envelopes;
    this.currentUser = currentUser;
    this.offices = offices;
    this.text = text;
    this.people = people;
  }

  record Line(String at, String who, String what) {
  }

  @GetMapping("/app/records/key-envelopes/{envelopeNo}")
  String envelope(@PathVariable String envelopeNo, Model model) {
    currentUser.require(KeyEnvelopeController.READERS);
    KeyEnvelope e = envelopes.find(envelopeNo).filter(found -> offices.callerSees(found.officeId()))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有專用信封「" + envelopeNo + "」。"));
    model.addAttribute("e", e);
    model.addAttribute("officeName", offices.name(e.officeId()));
    model.addAttribute("status", KeyEnvelope.SEALED.equals(e.status()) ? "封存中" : "已交還業主");
    model.addAttribute("sealedAt", text.dateTime(e.sealedAt()));
    model.addAttribute("sealedBy", people.name(e.sealedBy()));
    model.addAttribute("releasedAt", text.dateTime(e.releasedAt()));
    model.addAttribute("releasedBy", people.name(e.releasedBy()));
    model.addAttribute("confirmedBy", people.name(e.confirmedBy()));
    // the document as the hand-over form named it (其他: the name the custodian wrote)
    String document = e.ownerIdType() == null ? "" : e.ownerIdOther() != null
        && !e.ownerIdOther().isBlank() ? e.ownerIdOther()
        : forms.label("hand-over-key", "ownerIdType", e.ownerIdType());
    model.addAttribute("idText", document
        + (e.ownerIdLastDigits() == null ? "" : ",末四位 " + e.ownerIdLastDigits()));
    model.addAttribute("matched", e.ownerNameMatched() == null ? ""
        : e.ownerNameMatched() ? "是" : "否");
    model.addAttribute("history", e.history() == null ? java.util.List.of() : e.history().stream()
        .map(h -> new Line(text.dateTime(h.happenedAt()), people.name(h.actor()),
            h.detail() == null ? h.action() : h.detail())).toList());
    return "records/key-envelope";
  }
}
