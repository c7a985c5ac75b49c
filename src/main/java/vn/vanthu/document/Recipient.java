package vn.vanthu.document;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A person or unit that receives the issued document by email. */
@Embeddable
public class Recipient {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    protected Recipient() {}

    public Recipient(String name, String email) {
        this.name = name;
        this.email = email;
    }

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }
}
