package com.wuye.workflow.security;

/** Told of every request the REST boundary refused on a case, to keep it in the case's records. */
public interface CaseRefusals {

  void refused(String processInstanceId, String actor, String what);
}
