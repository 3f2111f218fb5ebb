package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.*;

import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.security.CurrentUser;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Server-side checks of every form of the unlocked-door process: what Camunda Forms checks
 * only in the browser, and the rules the procedure depends on (a non-staff finder's phone
 * number, consent before locking, two or three signatures, nobody entered the unit). A refused
 * completion changes nothing: the listener runs inside the completing transaction.
 */
@Component("unlockedDoorChecks")
class UnlockedDoorChecks implements ExecutionListener {

  private final KeyEnvelopeService envelopes;
  private final CurrentUser currentUser;
  private final Offices offices;
  private final org.camunda.bpm.engine.IdentityService identity;

  UnlockedDoorChecks(KeyEnvelopeService envelopes, CurrentUser currentUser,
      Offices offices, org.camunda.bpm.engine.IdentityService identity) {
    this.identity = identity;
    this.envelopes = envelopes;
    this.currentUser = currentUser;
    this.offices = offices;
  }

  /**
   * On the start event: the report as received (UD-2). On the end of a user task: what its
   * form submitted. These run as execution listeners, not task listeners, because the engine
   * passes an execution listener's exception on unchanged (the REST API answers 400 with the
   * message), while it wraps a task listener's. A task ended by the process itself (a timer,
   * the door being locked) was not submitted and is not checked.
   */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.getCurrentActivityId().startsWith("StartEvent_")) {
      checkReport(FormValues.of(execution), offices);
      execution.setVariable(OWNER_ARRIVED, false);
      execution.setVariable(KEY_SEALED, false);
      execution.setVariable(PHOTO_UPLOAD_PATH, "/app/door-photo/" + execution.getProcessInstanceId());
      // where the emergency procedure is told the incident is (UD-4.3), derived once here
      execution.setVariable(PLACE, execution.getVariable(BUILDING) + " " + execution.getVariable(UNIT));
      // 通知轄區派出所 (UD-4.3) opens with the community's station filled in; staff may correct it
      String station = offices.policeStation((String) execution.getVariable(COMMUNITY));
      if (station != null && execution.getVariable("policeStation") == null) {
        execution.setVariable("policeStation", station);
      }
    } else if (!execution.isCanceled()) {
      checkTask(execution.getCurrentActivityId(), execution);
    }
  }

  static void checkReport(FormValues form, Offices offices) {
    form.requireCommunity(COMMUNITY, "小區", offices)
        .requireText(BUILDING, "樓棟").requireLength(BUILDING, "樓棟", 50)
        .requireUnit(UNIT, "單位(房號)")
        .requireOneOf(FINDER_TYPE, "發現人員", FINDER_TYPES)
        .requireText(FINDER_NAME, "發現人員姓名").requireLength(FINDER_NAME, "發現人員姓名", 100)
        .requireDateTime(FOUND_AT, "發現時間")
        .requireOneOf(KEY_IN_DOOR, "門上是否有鑰匙?", YES_NO);
    if (form.is(FINDER_TYPE, NON_STAFF)) {
      form.requirePhone(FINDER_PHONE, "發現人員聯系電話");
    }
  }

  private void checkTask(String activityId, DelegateExecution task) {
    FormValues form = FormValues.of(task);
    switch (activityId) {
      case "Task_KnockOnDoor" -> {
        form.requireOneOf("someoneHome", "敲門后家中是否有人?", YES_NO).limit("knockNote", "備注");
        if (form.is("someoneHome", "YES")) {
          form.requireChecked("remindedToLock", "已提醒業主鎖好門");
          if (form.is(KEY_IN_DOOR, "YES")) {
            form.requireChecked("keyReminded", "已提醒業主及時拔掉鑰匙");
          }
        }
      }
      case "Task_StayAtDoor" -> form.requireText("watchHandedOverTo", "接替留守人員")
          .requireChecked("nobodyEntered", "確認物業人員沒有進入業主戶內");
      case "Task_ContactOwner" -> form.requireOneOf("ownerContactResult", "聯系結果", CONTACT_RESULTS)
          .limit("ownerName", "業主姓名").limit("contactNote", "登記內容");
      case "Task_WaitForOwner" -> form.requireChecked(OWNER_ARRIVED, "業主已到場")
          .requireChecked("nobodyEntered", "確認物業人員沒有進入業主戶內");
      case "Task_ArrangeShiftCover" -> form.requireText("coverArrangement", "調班安排");
      case "Task_ObtainOwnerConsent" -> form
          .requireOneOf("lockConsent", "業主是否同意幫其鎖門及收存鑰匙?", YES_NO)
          .requireText("consentGivenBy", "表示意見的人(姓名)")
          .requireDateTime("consentAt", "表示意見的時間").limit("consentNote", "登記內容");
      case "Task_LeaveWithoutLocking" -> form.requireText("ownerInstruction", "業主意見")
          .requireChecked("noteLeftOnDoor", "已在門上為業主留言")
          .requireChecked("nobodyEntered", "確認物業人員沒有進入業主戶內");
      case "Task_SecureDoorWithFinderWitness" -> checkSecured(task, form, false);
      case "Task_SecureDoorWithThirdParty" -> checkSecured(task, form, true);
      case "Task_CheckForEmergency" -> {
        form.requireOneOf("emergencyFound", "有無緊急情況?", YES_NO)
            .requireText("observation", "現場所見")
            .requireChecked("nobodyEntered", "確認物業人員沒有進入業主戶內");
        if (form.is("emergencyFound", "YES")) {
          form.requireOneOf("emergencyKind", "緊急情況類別", INCIDENT_KINDS);
        }
      }
      case "Task_NotifyPoliceStation" -> form.requireText("policeStation", "派出所")
          .requireText("policeReference", "報案編號/接報人")
          .requireDateTime("policeNotifiedAt", "通知時間");
      case "Task_RecordUnitEntry" -> {
        form.requireOneOf("enteredUnit", "是否有人進入業主戶內?", YES_NO);
        if (form.is("enteredUnit", "YES")) {
          form.requireText("enteredBy", "進入人員").requireDateTime("enteredAt", "進入時間")
              .requireText("entryReason", "進入原因及經過");
        }
      }
      case "Task_HandOverKey" -> checkHandOver(task, form);
      case "Task_ConfirmKeyOwner" -> checkConfirmKeyOwner(task, form);
      case "Task_FollowUpOwner" -> form.requireOneOf("followUpMethod", "回訪方式", java.util.Set.of("VISIT", "PHONE"))
          .requireText("followUpResult", "回訪結果及業主意見");
      default -> {
        // a task without checks of its own
      }
    }
  }

  /** A name or signature as the key envelope's columns hold it (key_envelope, V1). */
  static final int SIGNATURE_LENGTH = 100;

  /** UD-4.4.1.2 (two signatures) and UD-4.4.2.3 (three signatures), never without consent. */
  private static void checkSecured(DelegateExecution task, FormValues form, boolean thirdParty) {
    if (!form.is("lockConsent", "YES")) {
      throw new FormInputException("lockConsent", "未征得業主同意,不得鎖門及收存鑰匙。");
    }
    if (!(task.getVariableTyped(DOOR_PHOTO) instanceof org.camunda.bpm.engine.variable.value.FileValue)) {
      throw new FormInputException(DOOR_PHOTO, "請先上載房門未鎖狀況的照片。");
    }
    form.requireChecked("doorLocked", "房門已鎖好")
        .requireText("onSiteStaffSignature", "現場物業人員簽字")
        .requireLength("onSiteStaffSignature", "現場物業人員簽字", SIGNATURE_LENGTH)
        .requireText("finderSignature", "發現人員簽字")
        .requireLength("finderSignature", "發現人員簽字", SIGNATURE_LENGTH)
        .requireChecked("noteLeftOnDoor", "已在門上為業主留言")
        .requireChecked("nobodyEntered", "確認物業人員沒有進入業主戶內");
    if (thirdParty) {
      form.requireText("thirdPartyName", "第三方人員姓名")
          .requireLength("thirdPartyName", "第三方人員姓名", SIGNATURE_LENGTH)
          .requireText("thirdPartySignature", "第三方人員簽字")
          .requireLength("thirdPartySignature", "第三方人員簽字", SIGNATURE_LENGTH);
    } else {
      form.requirePhone(FINDER_PHONE, "發現人員聯系方式");
    }
    // what the guard leader finds at the door, whatever the report said: a key found there is
    // sealed too (the diagram's 門上是否有鑰匙? reads this answer)
    form.requireOneOf(KEY_IN_DOOR, "現場門上是否有鑰匙?", YES_NO);
    if (form.is(KEY_IN_DOOR, "YES")) {
      form.requireText(ENVELOPE_NO, "專用信封編號")
          .requireChecked("envelopeHandedIn", "專用信封已交服務中心專人保管");
      if (!form.text(ENVELOPE_NO).matches("[A-Za-z0-9-]{1,30}")) {
        throw new FormInputException(ENVELOPE_NO, "專用信封編號只可包含英文字母、數字及「-」,最多 30 字。");
      }
    }
  }

  /** The last characters of a document number: four half- or full-width digits or letters. */
  static final java.util.regex.Pattern ID_LAST_DIGITS =
      java.util.regex.Pattern.compile("[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]{4}");

  /**
   * UD-4.4.1.4 / UD-4.4.2.5: only the key custodian of the case's office hands the key over,
   * to a person named as on the identity document shown, whose kind and last four characters
   * are recorded.
   */
  private void checkHandOver(DelegateExecution task, FormValues form) {
    if (!isOfCaseOffice(task, KeyEnvelopeService.CUSTODIAN_GROUP)) {
      envelopes.refuseRelease(form.text(ENVELOPE_NO), currentUser.id(),
          "非本管理處的服務中心專人嘗試完成「業主簽收鑰匙」任務");
      throw new FormInputException(ENVELOPE_NO, "只有服務中心專人(鑰匙保管)可以把鑰匙交還業主,且只限本管理處的個案。");
    }
    form.requireChecked("situationExplained", "已向業主介紹房門未鎖情況")
        .requireText(CLAIMANT_NAME, "領取人姓名(按身份證明)")
        .requireLength(CLAIMANT_NAME, "領取人姓名(按身份證明)", SIGNATURE_LENGTH)
        .requireOneOf(OWNER_ID_TYPE, "證件類別", OWNER_ID_TYPES);
    if (form.is(OWNER_ID_TYPE, "OTHER")) {
      form.requireText(OWNER_ID_OTHER, "證件名稱").requireLength(OWNER_ID_OTHER, "證件名稱", 50);
    }
    form.requireText(OWNER_ID_LAST_DIGITS, "證件號碼末四位");
    if (!ID_LAST_DIGITS.matcher(form.text(OWNER_ID_LAST_DIGITS)).matches()) {
      throw new FormInputException(OWNER_ID_LAST_DIGITS,
          "「證件號碼末四位」須為證件號碼最後四個數字或字母(括號內的也計算在內),例如 4567。");
    }
    form.requireChecked("ownerIdChecked", "已核對領取人的身份證明")
        .requireText("ownerSignature", "業主簽收")
        .requireLength("ownerSignature", "業主簽收", SIGNATURE_LENGTH)
        .requireChecked("belongingsReminderGiven", "已提示業主妥善保管財物,如發現異常及時報警");
  }

  /**
   * UD-4.4.1.4 / UD-4.4.2.5: the name at the hand-over did not match the consent's; only the
   * office director of the case's office decides, and always with a written reason.
   */
  private void checkConfirmKeyOwner(DelegateExecution task, FormValues form) {
    if (!isOfCaseOffice(task, "office-director")) {
      envelopes.refuseRelease(form.text(ENVELOPE_NO), currentUser.id(),
          "非本管理處主任嘗試確認鑰匙領取人");
      throw new FormInputException(CLAIMANT_CONFIRMED, "只有本管理處的管理處主任可以確認鑰匙領取人。");
    }
    form.requireOneOf(CLAIMANT_CONFIRMED, "是否把鑰匙交還此領取人?", YES_NO)
        .requireText(CONFIRMATION_REASON, "理由")
        .requireLength(CONFIRMATION_REASON, "理由", 500);
  }

  /** The acting user is in {@code group} and a member of the case's office. */
  private boolean isOfCaseOffice(DelegateExecution task, String group) {
    if (!currentUser.isIn(group)) {
      return false;
    }
    var caller = identity.getCurrentAuthentication();
    return task.getTenantId() == null || (caller != null && caller.getTenantIds() != null
        && caller.getTenantIds().contains(task.getTenantId()));
  }
}
