"""Chinese government budget disclosure PDFs → validated Frictionless data packages."""
