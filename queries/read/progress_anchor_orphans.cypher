// description: The re-anchoring records of orphaned progress groups (their measure's text is in no measure of the document any more)
// params: none
MATCH (a:ProgressAnchor)
WHERE a.target = ''
RETURN a.id AS id, a.document_id AS document_id, a.measure_id AS measure_id, a.fingerprint AS fingerprint,
       a.target AS target, a.method AS method, a.score AS score, a.snippet AS snippet
ORDER BY id
