"""Tables: `Page`s → report tables, their rows and columns, resources, facts and headline figures.

`locate.pages_to_tables` cuts the pages' grids into titled tables (`forms` tells a performance
form from a report table), `identify` says which report table each is, `normalize` turns one into
a resource and its facts (`hierarchy` for levels, `totals` for what a total row or column is,
`comparable` for each amount's measure, phase, fund and year), `indicators` computes the
document's headline figures and `performance_lists` reads lists of performance forms."""
