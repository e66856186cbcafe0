# A helper module saved with a UTF-8 byte order mark.
value = "imported through a BOM"
