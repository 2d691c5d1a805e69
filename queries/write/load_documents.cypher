// description: Upsert the Document nodes of a batch of documents (one row each; year is set by load_document_years)
// params: rows:list
// year stays out of the rows: LadybugDB types a field that is null in every row as STRING
// and then refuses it for the INT64 column, so it is cleared here and set by the next step.
// A keyed upsert without MERGE (see load_units).
UNWIND $rows AS row
OPTIONAL MATCH (d:Document {id: row.id})
SET d.title = row.title, d.issuer = row.issuer, d.doc_number = row.doc_number, d.level = row.level,
    d.region = row.region, d.published = row.published, d.year = NULL, d.source = row.source,
    d.format = row.format, d.implements_doc_numbers = row.implements_doc_numbers,
    d.implements_titles = row.implements_titles, d.warnings = row.warnings
WITH row, d
WHERE d IS NULL
CREATE (:Document {id: row.id, title: row.title, issuer: row.issuer, doc_number: row.doc_number,
                   level: row.level, region: row.region, published: row.published, source: row.source,
                   format: row.format, implements_doc_numbers: row.implements_doc_numbers,
                   implements_titles: row.implements_titles, warnings: row.warnings})
