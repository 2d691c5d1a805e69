// description: The re-anchoring records of these progress groups (key MEASURE_ID#FINGERPRINT): where updates written on a measure whose text has since moved or gone now belong (target '' = orphaned)
// params: ids:list
// example: ids=xiqing-2022:19.3#0123456789abcdef
UNWIND $ids AS key
MATCH (a:ProgressAnchor {id: key})
RETURN a.id AS id, a.document_id AS document_id, a.measure_id AS measure_id, a.fingerprint AS fingerprint,
       a.target AS target, a.method AS method, a.score AS score, a.snippet AS snippet
ORDER BY id
