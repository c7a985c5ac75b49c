package vn.vanthu.document;

/** A person or unit that receives the issued document by email. */
public class Recipient {

    private final String name;
    private final String email;

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

    /** By value, so an unchanged draft compares equal to its current version (DocumentService.edit). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Recipient r
                && java.util.Objects.equals(name, r.name)
                && java.util.Objects.equals(email, r.email);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, email);
    }
}
