"""Reading and writing files: layout, the strict YAML loader, spreadsheets, the atomic writer."""
