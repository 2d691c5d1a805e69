// Neo4j spelling: MERGE, as before issue 16.  Neo4j plans it as a seek on the uniqueness
// constraint (no scan), and it refuses a null key, which CREATE on Neo4j would store as a
// node without one (LadybugDB refuses a null primary key in CREATE by itself).
// year stays out of the rows: LadybugDB types a field that is null in every row as STRING
// and then refuses it for the INT64 column, so it is cleared here and set by the next step.
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.issuer = row.issuer, d.doc_number = row.doc_number, d.level = row.level,
    d.region = row.region, d.published = row.published, d.year = NULL, d.source = row.source,
    d.format = row.format, d.implements_doc_numbers = row.implements_doc_numbers,
    d.implements_titles = row.implements_titles, d.warnings = row.warnings
