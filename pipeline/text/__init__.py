"""Text: `Page`s → what the words say: metadata (`metadata`: year, type, publisher words),
sections and stated figures (`narrative`), sentences (`sentences`) and their amounts and topics
(`statements`), gathered as resources by `resources` (glossary, responsibilities, departments,
narrative figures, performance forms)."""
