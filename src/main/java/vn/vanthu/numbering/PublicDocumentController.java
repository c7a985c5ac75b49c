package vn.vanthu.numbering;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.system.Downloads;
import vn.vanthu.system.NotFoundException;

/**
 * The public board's download: the signed PDF of a document in the register and not recalled, for
 * anyone; the same stored bytes as the email attachment.
 */
@RestController
class PublicDocumentController {

    private final OutgoingRegister register;
    private final IssuedFiles files;

    PublicDocumentController(OutgoingRegister register, IssuedFiles files) {
        this.register = register;
        this.files = files;
    }

    @GetMapping(value = "/api/public/documents/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id) {
        // only what the board shows: published, not internal, not recalled; anything else is "not there"
        String number = register.published(id)
                .filter(entry -> !entry.recalled())
                .map(RegisterEntry::number)
                .orElseThrow(PublicDocumentController::notFound);
        byte[] pdf = files.load(id).orElseThrow(PublicDocumentController::notFound);
        return Downloads.inline(Downloads.fileName(number)).body(pdf);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Không có văn bản đã ban hành (còn hiệu lực) với mã này.");
    }
}
