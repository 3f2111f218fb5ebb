package com.wuye.workflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No error answer of the REST APIs ({@code /engine-rest}, {@code /camunda/api}) shows SQL, a
 * stack trace or a package-qualified class name: the engine's messages for database errors
 * quote the statement ("value too long … INSERT INTO …"). An error answer whose message shows
 * internals, and every 5xx, gets a message of its own; Camunda's {@code type} stays, since the
 * webapps rely on it. The full error is in the log, as before.
 */
class ErrorAnswerFilter extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern INTERNALS = Pattern.compile(
      "(?i)\\bSQL\\b|###|\\bjdbc:|\\b(?:INSERT|UPDATE|DELETE|SELECT)\\b.+\\b(?:INTO|SET|FROM)\\b"
          + "|\\tat |(?-i:\\b[a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+\\.[A-Z][A-Za-z0-9_$]*)");
  static final String FAILED = "系統未能處理此請求,請稍後再試;如問題持續,請通知系統管理員。";
  static final String INVALID = "請求無效,請檢查所填資料。";
  /** The engine's tenant check: the case belongs to an office the caller does not work for. */
  static final String OTHER_OFFICE = "此個案屬於其他管理處,你沒有權限。";
  private static final Pattern TENANT_REFUSAL = Pattern.compile("belongs to no authenticated tenant");
  /**
   * The engine's own refusals are English and spell out the authorization model ("The user with
   * id 'duty' does not have 'READ' permission on resource '…' of type 'ProcessInstance'.",
   * "ENGINE-03110 Required admin authenticated group or user or any of the following
   * permissions: 'READ' permission on resource 'System'."). A 403 whose message is not in the
   * staff's words (the project's own refusals all are) reads that they may not see, or may not
   * do, what they asked, by the first permission it names; Camunda's fields (type, permission,
   * resource) stay for the webapps.
   */
  private static final Pattern STAFF_WORDS = Pattern.compile("\\p{IsHan}");
  private static final Pattern PERMISSION = Pattern.compile("'([A-Z_]+)' permission");
  static final String MAY_NOT_SEE = "你沒有權限查看此資料。";
  static final String MAY_NOT_DO = "你沒有權限進行此操作。";
  /**
   * The REST API puts the definition's or task's id before a refused form's own message
   * ("Cannot instantiate process definition ComplaintProcess:1:…: 請填寫「小區」。"); staff read
   * the message only.
   */
  private static final Pattern FORM_PREFIX = Pattern.compile(
      "(?s)^Cannot (?:instantiate process definition|submit task form) \\S+: (.+)$");

  /**
   * The status to answer: the engine reports its tenant check (another office's case) as a
   * server error; it is a refusal, 403.
   */
  static int status(int status, byte[] body) {
    return status >= 500 && TENANT_REFUSAL.matcher(new String(body, StandardCharsets.UTF_8)).find()
        ? HttpServletResponse.SC_FORBIDDEN : status;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    ErrorCapture capture = new ErrorCapture(response);
    try {
      chain.doFilter(request, capture);
    } finally {
      capture.finish();
    }
  }

  static String sanitize(int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode json = JSON.readTree(text);
      if (json instanceof ObjectNode object && object.has("message")) {
        String message = object.path("message").asText("");
        java.util.regex.Matcher form = FORM_PREFIX.matcher(message);
        if (status < 500 && form.matches()) {
          message = form.group(1);
          object.put("message", message);
        }
        if (status == HttpServletResponse.SC_FORBIDDEN && !STAFF_WORDS.matcher(message).find()) {
          java.util.regex.Matcher permission = PERMISSION.matcher(message);
          boolean read = permission.find() && permission.group(1).startsWith("READ");
          object.put("message", read ? MAY_NOT_SEE : MAY_NOT_DO);
        } else if (status >= 500 && TENANT_REFUSAL.matcher(message).find()) {
          object.put("type", "AuthorizationException");
          object.put("message", OTHER_OFFICE);
        } else if (status >= 500) {
          object.put("message", FAILED);
        } else if (INTERNALS.matcher(message).find()) {
          object.put("message", INVALID);
        }
        object.remove("stackTrace");
        return JSON.writeValueAsString(object);
      }
      return text;
    } catch (IOException notJson) {
      return status >= 500 || INTERNALS.matcher(text).find() ? FAILED : text;
    }
  }

  /** Buffers the body of an error answer (status 4xx/5xx set before the first write). */
  private static final class ErrorCapture extends HttpServletResponseWrapper {
    private ByteArrayOutputStream buffer;
    private PrintWriter writer;
    private ServletOutputStream stream;

    ErrorCapture(HttpServletResponse response) {
      super(response);
    }

    private boolean isError() {
      return getStatus() >= 400;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!isError() && buffer == null) {
        return super.getOutputStream();
      }
      if (stream == null) {
        buffer = buffer == null ? new ByteArrayOutputStream() : buffer;
        stream = new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void write(int b) {
            buffer.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!isError() && buffer == null) {
        return super.getWriter();
      }
      if (writer == null) {
        buffer = buffer == null ? new ByteArrayOutputStream() : buffer;
        writer = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void setContentLength(int len) {
      if (!isError()) {
        super.setContentLength(len);
      }
    }

    @Override
    public void setContentLengthLong(long len) {
      if (!isError()) {
        super.setContentLengthLong(len);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!(isError() && "Content-Length".equalsIgnoreCase(name))) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!(isError() && "Content-Length".equalsIgnoreCase(name))) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (buffer == null) {
        super.flushBuffer();
      }
    }

    void finish() throws IOException {
      if (buffer == null) {
        return;
      }
      if (writer != null) {
        writer.flush();
      }
      byte[] raw = buffer.toByteArray();
      byte[] body = sanitize(getStatus(), raw).getBytes(StandardCharsets.UTF_8);
      HttpServletResponse real = (HttpServletResponse) getResponse();
      real.setStatus(status(getStatus(), raw));
      real.setContentLength(body.length);
      real.getOutputStream().write(body);
      real.getOutputStream().flush();
    }
  }
}
