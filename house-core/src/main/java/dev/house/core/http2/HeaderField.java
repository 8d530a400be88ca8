package dev.house.core.http2;

/** One header field as HPACK sees it: a name and a value, octets held as ISO-8859-1 chars. */
record HeaderField(String name, String value) {
    /** RFC 7541 §4.1: the entry overhead the size of a table entry and of a header list counts. */
    static final int OVERHEAD = 32;

    /** The field's size for table and header-list accounting: octets of name and value plus 32. */
    int size() {
        return name.length() + value.length() + OVERHEAD;
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
