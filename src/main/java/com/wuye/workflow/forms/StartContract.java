package com.wuye.workflow.forms;

/**
 * The start variables a process requires, checked before an instance exists. The same check
 * runs in the process's start listener (Tasklist, Java API) and, through
 * {@link StartContractFilter}, on the REST API's {@code /start}, which otherwise would answer a
 * refused start with 500.
 */
public interface StartContract {

  String processKey();

  /** Throws {@link FormInputException} naming the first field that is missing or wrong. */
  void check(FormValues startVariables);
}
