package com.wuye.workflow.report;

import com.wuye.workflow.forms.StaffText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 部門客戶投訴工作月報 as a page to print and as a spreadsheet (CP-15, CP-16): the figures as
 * numbers on one sheet, every complaint of the month on another. The version the director
 * approved unless {@code version} names another; the same readers and office isolation as
 * {@code /api/reports/monthly} (it answers through it).
 */
@Controller
@com.wuye.workflow.records.RecordPage
class MonthlyReportPage {

  static final MediaType XLSX = MediaType.parseMediaType(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  /** Rows of the spreadsheet kept in the heap while it is written (POI's default window). */
  private static final int ROWS_IN_MEMORY = 100;

  private final MonthlyReportController api;

  MonthlyReportPage(MonthlyReportController api) {
    this.api = api;
  }

  record Shown(String label, String text) {
  }

  @GetMapping("/app/records/monthly-report")
  String page(@RequestParam String month, @RequestParam(required = false) String office,
      @RequestParam(required = false) Integer version, Model model) {
    Map<String, Object> r = api.monthly(month, office, version);
    model.addAttribute("officeName", r.get("officeName") == null ? "全公司" : r.get("officeName"));
    model.addAttribute("monthText", StaffText.month(YearMonth.parse((String) r.get("month"))));
    model.addAttribute("versionText", r.get("version") == null ? "" : " 第 " + r.get("version") + " 版");
    model.addAttribute("approvalText", approval(r));
    model.addAttribute("figures", MonthlyReportFormat.figures(r).stream().map(f -> new Shown(
        f.label(), f.value() == null ? "—" : f.rate() ? MonthlyReportFormat.percent(f.value())
            : String.valueOf(f.value()))).toList());
    model.addAttribute("complaints", MonthlyReportFormat.complaintRows(r));
    model.addAttribute("xlsxHref", "/app/records/monthly-report.xlsx?month=" + r.get("month")
        + (office == null || office.isBlank() ? "" : "&office=" + office)
        + (r.get("version") == null ? "" : "&version=" + r.get("version")));
    return "records/monthly-report";
  }

  @GetMapping("/app/records/monthly-report.xlsx")
  ResponseEntity<byte[]> spreadsheet(@RequestParam String month,
      @RequestParam(required = false) String office,
      @RequestParam(required = false) Integer version) throws IOException {
    Map<String, Object> r = api.monthly(month, office, version);
    // streamed: only the last rows are kept in the heap, the rest wait in a temporary file that
    // close() deletes. A month of 25,000 complaints held whole took over 160 MB of heap, more
    // than the node has to spare (README, *Memory*); streamed, about 20 MB.
    try (SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle percent = book.createCellStyle();
      percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
      Sheet figures = book.createSheet("數字");
      Row title = figures.createRow(0);
      title.createCell(0).setCellValue((r.get("officeName") == null ? "全公司" : r.get("officeName"))
          + " 部門客戶投訴工作月報 " + StaffText.month(YearMonth.parse((String) r.get("month"))));
      title.createCell(1).setCellValue(approval(r));
      int i = 1;
      for (MonthlyReportFormat.Figure f : MonthlyReportFormat.figures(r)) {
        Row row = figures.createRow(i++);
        row.createCell(0).setCellValue(f.label());
        if (f.value() instanceof Number n) {
          var cell = row.createCell(1);
          cell.setCellValue(n.doubleValue());
          if (f.rate()) {
            cell.setCellStyle(percent);
          }
        }
      }
      figures.setColumnWidth(0, 40 * 256);
      Sheet list = book.createSheet("投訴一覽");
      String[] heads = {"投訴編號", "受理時間", "小區", "渠道", "事項", "類別", "處理結果", "期限"};
      Row head = list.createRow(0);
      for (int c = 0; c < heads.length; c++) {
        head.createCell(c).setCellValue(heads[c]);
      }
      int n = 1;
      for (List<String> complaint : MonthlyReportFormat.complaintRows(r)) {
        Row row = list.createRow(n++);
        for (int c = 0; c < complaint.size(); c++) {
          row.createCell(c).setCellValue(complaint.get(c));
        }
      }
      book.write(out);
      String name = "部門客戶投訴工作月報-" + (r.get("office") == null ? "全公司" : r.get("office"))
          + "-" + r.get("month") + (r.get("version") == null ? "" : "-v" + r.get("version")) + ".xlsx";
      return ResponseEntity.ok().contentType(XLSX)
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
              .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
          .body(out.toByteArray());
    }
  }

  private static String approval(Map<String, Object> r) {
    if (r.get("version") == null) {
      return "按現有記錄即時計算(未編製)";
    }
    return "第 " + r.get("version") + " 版" + (Boolean.TRUE.equals(r.get("approved"))
        ? "(管理處主任已審閱同意)" : "(未審閱)");
  }
}
