package com.wuye.workflow.complaint;

import static com.wuye.workflow.complaint.ComplaintVariables.*;

import com.wuye.workflow.dutylog.DutyLogRepository;
import com.wuye.workflow.office.OfficeProperties.Office;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.security.SystemAccess;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * A complaint typed into the wrong community: the office director (of the complaint's office)
 * or the complaint centre closes it as 登記錯誤 and opens it again in the right community's
 * office, with the same resident, matter and receipt time, so its deadlines still count from
 * when the resident complained. Both complaints name each other, and the correction is in the
 * duty log of both offices. All of it is one transaction: either both cases and records are
 * changed, or nothing is.
 */
@Service
public class ComplaintCorrection {

  static final String CORRECTED = "CORRECTED";
  /** The start variable that tells the complaint's start it is a correction (never a form's). */
  static final String CORRECTED_FROM = "correctedFrom";
  static final List<String> CORRECTORS = List.of("office-director", "complaint-center");

  private static final String[] CARRIED = {BUILDING, UNIT, RESIDENT_NAME, RESIDENT_PHONE, CHANNEL,
      WRITTEN_COMPLAINT, MATTER, DESCRIPTION, HANDLED_ON_THE_SPOT, ON_THE_SPOT_RESULT,
      MARKED_COLLECTIVE};

  private final ComplaintRecords records;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final DutyLogRepository dutyLog;
  private final Offices offices;
  private final CurrentUser currentUser;

  ComplaintCorrection(ComplaintRecords records, @Lazy RuntimeService runtimeService,
      @Lazy IdentityService identityService, DutyLogRepository dutyLog, Offices offices,
      CurrentUser currentUser) {
    this.records = records;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.dutyLog = dutyLog;
    this.offices = offices;
    this.currentUser = currentUser;
  }

  static boolean isReopening(DelegateExecution execution) {
    return execution.getVariable(CORRECTED_FROM) != null;
  }

  /** Corrects the community of an open complaint; returns the new complaint's number. */
  @Transactional
  public String correct(String complaintNo, String community, String reason) {
    currentUser.require(CORRECTORS.toArray(String[]::new));
    Map<String, Object> complaint = records.complaint(complaintNo)
        .filter(c -> offices.callerSees((String) c.get("OFFICE_ID")))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
            "沒有投訴編號「" + complaintNo + "」。"));
    String why = reason == null ? "" : reason.trim();
    if (why.isEmpty() || why.length() > 500) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "請填寫更正原因(reason),最多 500 字。");
    }
    String newCommunity = community == null ? "" : community.trim();
    Office target = offices.officeOf(newCommunity).orElseThrow(() -> new ResponseStatusException(
        HttpStatus.BAD_REQUEST, "小區「" + newCommunity + "」不屬於任何管理處。"));
    if (newCommunity.equals(complaint.get("COMMUNITY"))) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "投訴已登記在小區「" + newCommunity
          + "」,無須更正。");
    }
    if (!"OPEN".equals(complaint.get("STATUS")) || complaint.get("COLLECTIVE_CASE_ID") != null) {
      throw new ResponseStatusException(HttpStatus.CONFLICT,
          "只有處理中、未併入集體投訴的投訴可以更正小區。");
    }
    String by = currentUser.id();
    String oldInstance = (String) complaint.get("PROCESS_INSTANCE_ID");
    String oldOffice = (String) complaint.get("OFFICE_ID");
    return SystemAccess.withoutAuthorization(identityService, () -> {
      Map<String, Object> variables = new HashMap<>();
      runtimeService.getVariables(oldInstance, List.of(CARRIED)).forEach(variables::put);
      variables.put(COMMUNITY, newCommunity);
      variables.put(CORRECTED_FROM, complaintNo);
      records.markCorrected(complaintNo, why);
      runtimeService.deleteProcessInstance(oldInstance, "登記錯誤:" + why, true, true);
      // started by the application, not the caller: a director may correct into another
      // office, whose cases they may not open themselves
      ProcessInstance reopened = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables);
      String newNo = reopened.getBusinessKey();
      records.linkCorrection(complaintNo, newNo);
      LocalDateTime now = LocalDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(),
          ZoneId.systemDefault());
      String summary = "投訴 " + complaintNo + " 登記錯誤(小區「" + complaint.get("COMMUNITY")
          + "」應為「" + newCommunity + "」),已按 " + newNo + " 在" + target.getName()
          + "重新受理,受理時間不變;原因:" + why;
      dutyLog.insert(now, oldOffice, (String) complaint.get("COMMUNITY"),
          (String) complaint.get("BUILDING"), (String) complaint.get("UNIT"), PROCESS_KEY,
          oldInstance, complaintNo, "登記錯誤更正", summary, by);
      dutyLog.insert(now, target.getId(), newCommunity, (String) complaint.get("BUILDING"),
          (String) complaint.get("UNIT"), PROCESS_KEY, reopened.getId(), newNo, "登記錯誤更正",
          summary, by);
      return newNo;
    });
  }
}
