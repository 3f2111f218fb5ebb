package com.wuye.workflow.records;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A record page refused or not found answers as a page in Chinese (the reason, a link back),
 * with the same status the API would give; nothing of the server's internals.
 */
@ControllerAdvice(annotations = RecordPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordPageErrors {

  private static final Logger LOG = LoggerFactory.getLogger(RecordPageErrors.class);

  @ExceptionHandler(ResponseStatusException.class)
  ModelAndView refused(ResponseStatusException e) {
    return page(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ModelAndView missing(MissingServletRequestParameterException e) {
    return page(HttpStatus.BAD_REQUEST, "請提供參數「" + e.getParameterName() + "」。");
  }

  @ExceptionHandler(Exception.class)
  ModelAndView broken(Exception e) {
    LOG.error("Record page failed", e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, "系統錯誤,請聯絡系統管理員。");
  }

  private static ModelAndView page(HttpStatus status, String message) {
    ModelAndView view = new ModelAndView("records/error");
    view.setStatus(status);
    view.addObject("message", message == null || message.isBlank() ? "無法顯示這份記錄。" : message);
    return view;
  }
}
