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
}
