package vn.vanthu.numbering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A register book as CSV (UTF-8 with BOM, for Excel) and as an Excel workbook. No Spring. */
final class RegisterExport {

    private RegisterExport() {}

    /**
     * RFC 4180, a header row of the columns, Nơi nhận's lines joined by "; ". A cell that a
     * spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
     */
    public static byte[] csv(RegisterBooks.Book book) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, book.columns());
        for (List<String> row : book.rows()) {
            line(out, row.stream().map(c -> c.replace("\n", "; ")).toList());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(defuse(cells.get(i))));
        }
        out.append("\r\n");
    }

    static String defuse(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String quote(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** One sheet: the book's title rows, the header, the lines; landscape A4, header repeated on each page. */
    public static byte[] xlsx(RegisterBooks.Book book) {
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(book.type() + " " + book.fileLabel());
            Font bold = workbook.createFont();
            bold.setBold(true);
            CellStyle title = workbook.createCellStyle();
            title.setFont(bold);
            title.setAlignment(HorizontalAlignment.CENTER);
            CellStyle header = bordered(workbook.createCellStyle());
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            CellStyle cell = bordered(workbook.createCellStyle());

            int last = book.columns().size() - 1;
            String[] titles = {
                book.organisation().replace('\n', ' '), "SỔ ĐĂNG KÝ VĂN BẢN ĐI", book.typeName() + " – " + book.label()
            };
            for (int r = 0; r < titles.length; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(titles[r]);
                row.getCell(0).setCellStyle(title);
                sheet.addMergedRegion(new CellRangeAddress(r, r, 0, last));
            }
            int first = titles.length + 1;
            Row head = sheet.createRow(first);
            for (int c = 0; c <= last; c++) {
                head.createCell(c).setCellValue(book.columns().get(c));
                head.getCell(c).setCellStyle(header);
            }
            int r = first + 1;
            for (List<String> values : book.rows()) {
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.size(); c++) {
                    // string cells: Excel never runs them as formulas
                    row.createCell(c).setCellValue(values.get(c));
                    row.getCell(c).setCellStyle(cell);
                }
            }
            int[] widths = {16, 12, 45, 20, 40, 14, 9, 16, 16, 12, 30};
            for (int c = 0; c <= last && c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            sheet.setRepeatingRows(new CellRangeAddress(first, first, 0, last));
            sheet.getPrintSetup().setLandscape(true);
            sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the register as xlsx", e);
        }
    }

    private static CellStyle bordered(CellStyle style) {
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        style.setWrapText(true);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        return style;
    }
}
