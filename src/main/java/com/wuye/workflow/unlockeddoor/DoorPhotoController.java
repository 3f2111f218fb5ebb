package com.wuye.workflow.unlockeddoor;

import static com.wuye.workflow.unlockeddoor.UnlockedDoorVariables.DOOR_PHOTO;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
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

  DoorPhotoController(TaskService taskService) {
    this.taskService = taskService;
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
        <form id="upload"><input type="file" name="photo" accept="image/*" capture="environment" required>
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
    String type = photo.getContentType();
    if (photo.isEmpty() || type == null || !type.startsWith("image/")) {
      return ResponseEntity.badRequest().body(Map.of("message", "請選擇一張照片(圖片檔案)。"));
    }
    if (photo.getSize() > MAX_BYTES) {
      return ResponseEntity.badRequest().body(Map.of("message", "照片不可大於 10 MB。"));
    }
    String name = photo.getOriginalFilename() == null ? "door.jpg" : photo.getOriginalFilename();
    taskService.setVariable(task.getId(), DOOR_PHOTO, Variables.fileValue(name)
        .file(photo.getBytes()).mimeType(type).create());
    return ResponseEntity.ok(Map.of("message", "照片已上載,請回到任務並完成表單。"));
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
