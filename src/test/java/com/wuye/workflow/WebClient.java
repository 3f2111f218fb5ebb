package com.wuye.workflow;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A small HTTP client for tests that talk to the running application the way a browser
 * (session cookie + CSRF header) or an integration (HTTP Basic) does.
 */
public final class WebClient {

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private String basicAuth;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public WebClient(int port) {
    this.baseUrl = "http://localhost:" + port;
    this.http = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Sends HTTP Basic credentials with every request (REST API). */
  public WebClient basic(String user, String password) {
    this.basicAuth = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Sends this header with every request (X-Forwarded-For, …). */
  public WebClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Any method with a JSON body (null: none). */
  public HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
    return send(builder.method(method, json == null ? BodyPublishers.noBody()
        : BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  /** A download (a spreadsheet, an attachment) as bytes. */
  public HttpResponse<byte[]> getBytes(String path) {
    try {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString(body)));
  }

  /** multipart/form-data with text parts and file parts (name → (filename, content)). */
  public HttpResponse<String> postMultipart(String path, Map<String, String> fields,
      Map<String, Map.Entry<String, byte[]>> files) {
    String boundary = "----wuye" + UUID.randomUUID();
    var parts = new java.io.ByteArrayOutputStream();
    try {
      for (var field : fields.entrySet()) {
        parts.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
            + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      for (var file : files.entrySet()) {
        parts.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
            + file.getKey() + "\"; filename=\"" + file.getValue().getKey()
            + "\"\r\nContent-Type: " + contentType(file.getValue().getKey()) + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
        parts.write(file.getValue().getValue());
        parts.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      parts.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    BodyPublisher body = BodyPublishers.ofByteArray(parts.toByteArray());
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(body));
  }

  private static String contentType(String filename) {
    if (filename.endsWith(".jpg") || filename.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (filename.endsWith(".png")) {
      return "image/png";
    }
    return "application/octet-stream";
  }

  /**
   * Logs in to a Camunda webapp (tasklist, cockpit, admin) the way the login page does:
   * fetch a page for the CSRF cookie, then post the credentials with the token header.
   */
  public HttpResponse<String> loginToWebapp(String app, String user, String password) {
    get("/camunda/app/" + app + "/default/");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", user);
    form.put("password", password);
    return postForm("/camunda/api/admin/auth/user/default/login/" + app, form);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (basicAuth != null) {
      builder.header("Authorization", basicAuth);
    }
    headers.forEach(builder::header);
    String csrf = csrfToken();
    if (csrf != null) {
      builder.header("X-XSRF-TOKEN", csrf);
    }
    return builder;
  }

  private String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst().orElse(null);
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return http.send(builder.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
