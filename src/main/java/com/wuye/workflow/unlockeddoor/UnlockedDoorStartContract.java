package com.wuye.workflow.unlockeddoor;

import com.wuye.workflow.forms.FormValues;
import com.wuye.workflow.office.Offices;
import com.wuye.workflow.forms.StartContract;
import org.springframework.stereotype.Component;

@Component
class UnlockedDoorStartContract implements StartContract {

  private final Offices offices;

  UnlockedDoorStartContract(Offices offices) {
    this.offices = offices;
  }

  @Override
  public String processKey() {
    return UnlockedDoorVariables.PROCESS_KEY;
  }

  @Override
  public void check(FormValues startVariables) {
    UnlockedDoorChecks.checkReport(startVariables, offices);
  }
}
