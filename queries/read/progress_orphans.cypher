// description: Progress whose measure is no longer in the graph (removed by a reload): kept, never deleted, listed here
// params: none
MATCH (p:Progress)
OPTIONAL MATCH (m:Measure {id: p.measure_id})
WITH p, m
WHERE m IS NULL
RETURN p.id AS id, p.obligation_id AS obligation_id, p.measure_id AS measure_id, p.unit AS unit, p.seq AS seq,
       p.at AS at, p.status AS status, p.text AS text, p.evidence AS evidence, p.percent AS percent,
       p.person AS person, p.agency AS agency, p.token_name AS token_name, p.source AS source,
       coalesce(p.measure_fp, '') AS measure_fp, coalesce(p.measure_text, '') AS measure_text
ORDER BY obligation_id, at, seq, id
