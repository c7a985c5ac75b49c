package vn.vanthu.absence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.security.Caller;

/**
 * A leader's absences: GET/POST /api/me/absences (one's own), DELETE /api/me/absences/{id}
 * (cancel: one's own, or any as an administrator), POST /api/admin/absences (a clerk or an
 * administrator for a leader, with "userId"). Times are Vietnam time.
 */
@RestController
class AbsenceController {

    /** An absence as the API shows it, with the names a person reads. */
    record View(
            long id,
            String userId,
            String userName,
            OffsetDateTime from,
            OffsetDateTime to,
            String deputy,
            String deputyName,
            String reason,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime cancelledAt) {}

    private final Absences absences;
    private final Directory directory;

    AbsenceController(Absences absences, Directory directory) {
        this.absences = absences;
        this.directory = directory;
    }

    @GetMapping("/api/me/absences")
    List<View> mine(Authentication auth) {
        return absences.mine(Caller.of(auth)).stream().map(this::view).toList();
    }

    /** {"from","to","deputy","reason"}: 201 with the absence; 400 with a message per field. */
    @PostMapping("/api/me/absences")
    @ResponseStatus(HttpStatus.CREATED)
    View record(@RequestBody(required = false) Absences.Request request, Authentication auth) {
        return view(absences.recordOwn(Caller.of(auth), request));
    }

    /** As {@link #record}, for the leader named in "userId". */
    @PostMapping("/api/admin/absences")
    @ResponseStatus(HttpStatus.CREATED)
    View recordFor(@RequestBody(required = false) Absences.Request request, Authentication auth) {
        return view(absences.recordFor(Caller.of(auth), request));
    }

    /** 200 with the cancelled absence; 409 when it is cancelled or over already. */
    @DeleteMapping("/api/me/absences/{absenceId}")
    View cancel(@PathVariable long absenceId, Authentication auth) {
        return view(absences.cancel(Caller.of(auth), absenceId));
    }

    View view(Absence a) {
        return new View(
                a.id(),
                a.userId(),
                directory.fullName(a.userId()),
                vn(a.startsAt()),
                vn(a.endsAt()),
                a.deputy(),
                directory.fullName(a.deputy()),
                a.reason(),
                a.createdBy(),
                vn(a.createdAt()),
                vn(a.cancelledAt()));
    }

    private static OffsetDateTime vn(Instant t) {
        return t == null ? null : t.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
