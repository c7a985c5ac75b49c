package vn.vanthu.document;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import vn.vanthu.system.NotFoundException;

/** The signed PDF of an issued, not recalled document, for anyone: the same bytes as the email attachment. */
@RestController
class PublicDocumentController {

    private final JdbcTemplate jdbc;
    private final IssuedFiles files;

    PublicDocumentController(JdbcTemplate jdbc, IssuedFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    @GetMapping(value = "/api/public/documents/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id) {
        String number = jdbc.query("""
                        select r.number from outgoing_register r join document d on d.id = r.document_id
                        where r.document_id = ? and r.recalled = false and d.status = 'ISSUED'""",
                (rs, i) -> rs.getString(1), id).stream().findFirst()
                .orElseThrow(PublicDocumentController::notFound);
        byte[] pdf = files.load(id).orElseThrow(PublicDocumentController::notFound);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(number.replace('/', '-') + ".pdf", StandardCharsets.UTF_8).build().toString())
                .body(pdf);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Không có văn bản đã ban hành (còn hiệu lực) với mã này.");
    }
}
