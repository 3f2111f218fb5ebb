package com.wuye.workflow.report;

import com.wuye.workflow.forms.FormInputException;
import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.forms.StartContract;
import com.wuye.workflow.office.Offices;
import java.util.List;
import org.springframework.stereotype.Component;

/** A month (YYYY-MM, or none for the month before) and an office the caller may report for. */
@Component
class MonthlyReportStartContract implements StartContract {

  private final Offices offices;

  MonthlyReportStartContract(Offices offices) {
    this.offices = offices;
  }

  @Override
  public String processKey() {
    return "MonthlyComplaintReportProcess";
  }

  @Override
  public void check(FormValues startVariables) {
    String month = startVariables.text("reportMonth");
    if (month != null && !month.isEmpty()) {
      try {
        MonthlyReportService.parseMonth(month);
      } catch (IllegalArgumentException e) {
        throw new FormInputException("reportMonth", "月份須為 YYYY-MM(例如 2026-11)。");
      }
    }
    String office = startVariables.text("office");
    if (office != null && !office.isEmpty()) {
      offices.requireOfficeNamed("office", office);
      return;
    }
    List<String> own = offices.recordFilter();
    if (own == null || own.size() != 1) {
      throw new FormInputException("office", "請填寫月報所屬的管理處:" + offices.describeCallerOffices()
          + "。");
    }
  }
}
