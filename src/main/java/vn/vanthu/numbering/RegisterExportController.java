package vn.vanthu.numbering;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.rendering.RegisterPdf;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/**
 * GET /api/register/export?type=GM&year=2026&format=csv|xlsx|pdf (or term=2025-10-01 for a type
 * numbered per nhiệm kỳ): one book of the outgoing register with all its columns, as a download.
 * Whoever may read the register may export it.
 */
@RestController
class RegisterExportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final RegisterBooks books;
    private final AccessPolicy access;

    RegisterExportController(RegisterBooks books, AccessPolicy access) {
        this.books = books;
        this.access = access;
    }

    @GetMapping("/api/register/export")
    ResponseEntity<byte[]> export(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String term,
            @RequestParam(required = false) String format,
            Authentication auth) {
        access.check(Caller.of(auth), Action.READ_REGISTER);
        String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx") && !f.equals("pdf")) {
            throw InvalidInputException.of("format", "Định dạng phải là csv, xlsx hoặc pdf.");
        }
        LocalDate termStart = null;
        if (term != null && !term.isBlank()) {
            try {
                termStart = LocalDate.parse(term.strip());
            } catch (DateTimeParseException e) {
                throw InvalidInputException.of("term", "Nhiệm kỳ là ngày bắt đầu của nó, dạng 2025-10-01.");
            }
        }
        RegisterBooks.Book book =
                books.book(type == null ? null : type.strip().toUpperCase(Locale.ROOT), year, termStart);
        String name = "so-van-ban-di-" + book.type().toLowerCase(Locale.ROOT) + "-" + book.fileLabel() + "." + f;
        byte[] body;
        MediaType mediaType;
        switch (f) {
            case "csv" -> {
                body = RegisterExport.csv(book);
                mediaType = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
            }
            case "xlsx" -> {
                body = RegisterExport.xlsx(book);
                mediaType = XLSX;
            }
            default -> {
                body = RegisterPdf.render(pdfBook(book));
                mediaType = MediaType.APPLICATION_PDF;
            }
        }
        return ResponseEntity.ok()
                .contentType(mediaType)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    static RegisterPdf.Book pdfBook(RegisterBooks.Book book) {
        return new RegisterPdf.Book(
                book.superiorBody(),
                book.organisation(),
                book.typeName(),
                book.label(),
                book.firstNumber(),
                book.lastNumber(),
                book.firstDay(),
                book.lastDay(),
                book.columns(),
                book.rows());
    }
}
