// description: The distinct (written measure id, fingerprint, measure text) of the progress of some documents (prefix = document id + ':'): what re-anchoring on a (re)load resolves
// params: prefixes:list
// example: prefixes=xiqing-2022:
// Neo4j seeks the progress_measure index per prefix; LadybugDB scans Progress (one table, no edges).
UNWIND $prefixes AS prefix
MATCH (p:Progress)
WHERE p.measure_id STARTS WITH prefix
RETURN DISTINCT p.measure_id AS measure_id, coalesce(p.measure_fp, '') AS fp, coalesce(p.measure_text, '') AS text
ORDER BY measure_id, fp, text
