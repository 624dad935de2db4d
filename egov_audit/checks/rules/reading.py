"""Reading the file: bytes, encoding and YAML syntax; a file these rules reject is not read on."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "file-unreadable",
        Severity.ERROR,
        "The file cannot be read.",
        "Check the path and permissions.",
        lowerable=False,
    ),
    Rule(
        "file-outside-collection",
        Severity.ERROR,
        "The file (or agencies/) is a symbolic link leading out of the collection folder; "
        "it is not read, so nothing of what it points to is shown.",
        "Copy the declaration into the collection folder instead of linking to it.",
        lowerable=False,
    ),
    Rule(
        "file-name-encoding",
        Severity.ERROR,
        "The file name is not valid UTF-8, so it names no agency; the file is not read.",
        "Rename the file to <agency-id>.yaml.",
        lowerable=False,
    ),
    Rule(
        "file-name-suffix",
        Severity.ERROR,
        "The file name ends in .yaml or .yml in another case (.YAML, .Yml); it is not read.",
        "Rename it to <agency-id>.yaml.",
        lowerable=False,
    ),
    Rule(
        "agency-file-duplicate",
        Severity.ERROR,
        "Two files declare one agency (abfa.yaml and abfa.yml); neither is counted.",
        "Keep one of the two files.",
        lowerable=False,
    ),
    Rule(
        "yaml-too-large",
        Severity.ERROR,
        "The file is larger than a limit: its size, the values it holds, or a number's digits.",
        "Split the declaration or remove what is not part of the format; correct the number.",
        lowerable=False,
    ),
    Rule(
        "yaml-encoding",
        Severity.ERROR,
        "The file is not UTF-8 (or UTF-16 with a byte-order mark).",
        "Save the file as UTF-8.",
        lowerable=False,
    ),
    Rule(
        "yaml-empty",
        Severity.ERROR,
        "The file holds no YAML document.",
        "Write the declaration.",
        lowerable=False,
    ),
    Rule(
        "yaml-syntax",
        Severity.ERROR,
        "The file is not valid YAML.",
        "Fix the syntax at the position given (indent with spaces, close quotes).",
        lowerable=False,
    ),
    Rule(
        "yaml-multiple-documents",
        Severity.ERROR,
        "The file holds more than one YAML document.",
        "Remove the '---' separator and keep one document per file.",
        lowerable=False,
    ),
    Rule(
        "yaml-duplicate-key",
        Severity.ERROR,
        "A key appears twice in one mapping.",
        "Keep one of the two; YAML tools disagree on which one wins.",
        lowerable=False,
    ),
    Rule(
        "yaml-alias",
        Severity.ERROR,
        "The file uses YAML anchors or aliases (& and *).",
        "Write the values out in full; anchors are not allowed in declarations.",
        lowerable=False,
    ),
    Rule(
        "yaml-tag",
        Severity.ERROR,
        "The file uses an explicit YAML tag (!tag or !!type).",
        "Remove the tag; quote the value if it must stay text.",
        lowerable=False,
    ),
    Rule(
        "yaml-too-deep",
        Severity.ERROR,
        "Values are nested deeper than the format ever needs.",
        "Flatten the structure; the format nests only a few levels.",
        lowerable=False,
    ),
    Rule(
        "yaml-complex-key",
        Severity.ERROR,
        "A mapping key is not a plain value.",
        "Use a plain text key.",
        lowerable=False,
    ),
)
