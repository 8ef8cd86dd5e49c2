"""Run: many PDFs → packages, each in its own bounded worker process (`workers`), on this machine or
a Dask cluster (`batch`), and the Makefile rules that build one package per source (`makerules`)."""
