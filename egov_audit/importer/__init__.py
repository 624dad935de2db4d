"""Writing declarations from outside input: the init template and spreadsheet import."""
