// description: The re-anchoring records whose target is one of these measures (progress written on another id that now belongs to them)
// params: ids:list
// example: ids=xiqing-2022:19.2
MATCH (a:ProgressAnchor)
WHERE a.target IN $ids
RETURN a.id AS id, a.document_id AS document_id, a.measure_id AS measure_id, a.fingerprint AS fingerprint,
       a.target AS target, a.method AS method, a.score AS score, a.snippet AS snippet
ORDER BY id
