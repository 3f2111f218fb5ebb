package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.DOOR_PHOTO;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import com.wuye.workflow.security.CurrentUser;
import com.wuye.workflow.security.SystemAccess;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.HtmlUtils;

/**
 * The photo of the door as found (UD-4.4.1.2 / UD-4.4.2.3). Camunda Forms in Tasklist has no
 * file picker, so the on-site form links here: a small page of the application's own that
 * stores the picture as the process variable {@code doorPhoto} (a File variable, visible in
 * Cockpit), through a task of the case the user may work on. The user is the one logged in
 * to Tasklist (session) or given by HTTP Basic.
 */
@RestController
class DoorPhotoController {

  static final long MAX_BYTES = 10L * 1024 * 1024;

  private final TaskService taskService;
  private final IdentityService identityService;
  private final CurrentUser currentUser;

  DoorPhotoController(TaskService taskService, IdentityService identityService,
      CurrentUser currentUser) {
    this.taskService = taskService;
    this.identityService = identityService;
    this.currentUser = currentUser;
  }

  @GetMapping(value = "/app/door-photo/{processInstanceId}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  String page(@PathVariable String processInstanceId) {
    Task task = workableTask(processInstanceId);
    String id = HtmlUtils.htmlEscape(processInstanceId);
    String title = HtmlUtils.htmlEscape(task.getName());
    return """
        <!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>上載房門狀況照片</title>
        <style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em}
        button{font-size:1.1em;padding:.4em 1.2em}#result{margin-top:1em;font-weight:bold}</style>
        </head><body>
        <h1>上載房門狀況照片</h1>
        <p>任務:%s</p>
        <form id="upload"><input type="file" name="photo" accept="image/jpeg,image/png,image/heic" capture="environment" required>
        <p><button type="submit">上載</button></p></form>
        <div id="result" role="status"></div>
        <p><a href="/camunda/app/tasklist/default/#/?task=%s">返回任務</a></p>
        <script>
        document.getElementById('upload').addEventListener('submit', async (e) => {
          e.preventDefault();
          const body = new FormData(e.target);
          const r = await fetch('/app/door-photo/%s', {method: 'POST', body,
              headers: {'X-Requested-With': 'XMLHttpRequest'}, credentials: 'same-origin'});
          const json = await r.json();
          document.getElementById('result').textContent = json.message;
        });
        </script></body></html>
        """.formatted(title, HtmlUtils.htmlEscape(task.getId()), id);
  }

  @PostMapping("/app/door-photo/{processInstanceId}")
  ResponseEntity<Map<String, String>> upload(@PathVariable String processInstanceId,
      @RequestParam("photo") MultipartFile photo) throws IOException {
    Task task = workableTask(processInstanceId);
    requireWorker(task);
    if (photo.getSize() > MAX_BYTES) {
      return ResponseEntity.badRequest().body(Map.of("message", "照片不可大於 10 MB。"));
    }
    byte[] bytes = photo.getBytes();
    PhotoType type = PhotoType.of(bytes);
    if (photo.isEmpty() || type == null) {
      return ResponseEntity.badRequest().body(Map.of("message",
          "請選擇一張照片:只接受 JPEG、PNG 或 HEIC 相片。"));
    }
    String name = "door-photo." + type.extension;
    // the case's photo is written by this service for the worker of the on-site task; task
    // candidates themselves may not set variables (TASK_WORK)
    SystemAccess.withoutAuthorization(identityService, () -> {
      taskService.setVariable(task.getId(), DOOR_PHOTO, Variables.fileValue(name)
          .file(bytes).mimeType(type.mimeType).create());
      return null;
    });
    return ResponseEntity.ok(Map.of("message", "照片已上載,請回到任務並完成表單。"));
  }

  /** JPEG, PNG or HEIC by their content (magic numbers), whatever the upload declared. */
  enum PhotoType {
    JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), HEIC("image/heic", "heic");

    final String mimeType;
    final String extension;

    PhotoType(String mimeType, String extension) {
      this.mimeType = mimeType;
      this.extension = extension;
    }

    static PhotoType of(byte[] b) {
      if (b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
        return JPEG;
      }
      if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
          && b[4] == 0x0d && b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
        return PNG;
      }
      if (b.length > 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
        String brand = new String(b, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
        if (java.util.Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1")
            .contains(brand)) {
          return HEIC;
        }
      }
      return null;
    }
  }

  /** The caller holds the task, or it is unclaimed and offered to one of the caller's groups. */
  private void requireWorker(Task task) {
    String user = currentUser.id();
    boolean mayWork = user != null && (user.equals(task.getAssignee())
        || task.getAssignee() == null && SystemAccess.withoutAuthorization(identityService,
            () -> taskService.getIdentityLinksForTask(task.getId())).stream()
            .map(IdentityLink::getGroupId)
            .anyMatch(group -> group != null && currentUser.groups().contains(group)));
    if (!mayWork) {
      throw new org.springframework.web.server.ResponseStatusException(HttpStatus.FORBIDDEN,
          "只有辦理此任務的人員可以上載照片。");
    }
  }

  /** An open task of the case offered to or assigned to the caller (engine authorizations). */
  private Task workableTask(String processInstanceId) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKeyIn("Task_SecureDoorWithFinderWitness", "Task_SecureDoorWithThirdParty")
        .list();
    if (tasks.isEmpty()) {
      throw new org.springframework.web.server.ResponseStatusException(HttpStatus.NOT_FOUND,
          "沒有可上載照片的任務。");
    }
    return tasks.get(0);
  }
}
