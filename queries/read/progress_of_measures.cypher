// description: Every progress update of the obligations on these measures (the caller keeps the latest per obligation)
// params: ids:list
// example: ids=xiqing-2022:4.1,xiqing-2022:1.1
MATCH (p:Progress)
WHERE p.measure_id IN $ids
RETURN p.id AS id, p.obligation_id AS obligation_id, p.measure_id AS measure_id, p.unit AS unit, p.seq AS seq,
       p.at AS at, p.status AS status, p.text AS text, p.evidence AS evidence, p.percent AS percent,
       p.person AS person, p.agency AS agency, p.token_name AS token_name, p.source AS source,
       coalesce(p.measure_fp, '') AS measure_fp, coalesce(p.measure_text, '') AS measure_text
ORDER BY at, seq, id
